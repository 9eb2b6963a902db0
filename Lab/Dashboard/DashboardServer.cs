using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Publishing;
using Platform.Lab.Resources;
using Platform.ServiceDefaults;

namespace Platform.Lab.Dashboard;

/// <summary>
/// The local dashboard: a page and a JSON + Server-Sent Events API over a <see cref="ResourceStateStore"/>
/// and the published artifacts, on 127.0.0.1 only, opened with a token like Aspire's dashboard.
/// </summary>
public sealed partial class DashboardServer : IAsyncDisposable
{
    // Open event streams end on ApplicationStopping; this only bounds a stuck request.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private int _disposed;

    private DashboardServer(WebApplication app, Uri url, string token)
    {
        _app = app;
        Url = url;
        Token = token;
    }

    /// <summary>The dashboard's address, with the port it really bound: <c>http://localhost:18888/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The token that opens the dashboard.</summary>
    public string Token { get; }

    /// <summary>The address to print in the terminal: opening it signs the browser in.</summary>
    public Uri LoginUrl => new(Url, "login?t=" + Uri.EscapeDataString(Token));

    /// <summary>The server's services, for tests that check its configuration.</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts the dashboard and returns once it listens.</summary>
    /// <param name="options">The port and token.</param>
    /// <param name="store">The live state it serves and streams.</param>
    /// <param name="artifacts">The published artifacts it lists; their content is served from memory.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="DashboardPortInUseException">The port is taken.</exception>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, ResourceStateStore store, IReadOnlyList<Artifact> artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifacts);
        if (options.Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, $"The dashboard port {options.Port} is not a port; pass 1-65535, or 0 for a free one.");
        }

        var token = options.Token ?? RandomNumberGenerator.GetHexString(32, lowercase: true);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("The dashboard token is empty; pass a token, or null for a random one.", nameof(options));
        }

        DashboardAssets.EnsureLoaded();
        var catalog = new ArtifactCatalog(artifacts);
        var app = Build(options.Port);
        var context = new DashboardContext(store, catalog, token, app.Lifetime.ApplicationStopping);
        UseSecurity(app, context);
        app.MapDefaultEndpoints();
        MapPage(app, context);
        MapApi(app, context);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            await app.DisposeAsync();
            if (IsAddressInUse(e))
            {
                throw new DashboardPortInUseException(options.Port, e);
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DashboardServer(app, new Uri($"http://localhost:{new Uri(address).Port}/"), token);
    }

    /// <summary>Stops the server, ending open event streams, within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Kestrel aborted what was left; nothing more to wait for.
        }

        await _app.DisposeAsync();
    }

    private static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The dashboard runs inside the AppHost process: ignore its appsettings and ASPNETCORE_URLS
        // (which would add listeners and warn), but keep OTEL_* and other environment settings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables();

        builder.AddServiceDefaults();
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });

        return builder.Build();
    }

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
