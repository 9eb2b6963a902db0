using System.Net.Sockets;

namespace Platform.Lab.Machines;

/// <summary>Finds a Docker-API engine: DOCKER_HOST, then Docker's socket, then podman's.</summary>
public static class ContainerEngine
{
    /// <summary>The endpoints tried when DOCKER_HOST is not set.</summary>
    public static IReadOnlyList<Uri> WellKnownEndpoints { get; } = [new("unix:///var/run/docker.sock"), new("unix:///run/podman/podman.sock")];

    /// <summary>The first endpoint that answers /_ping.</summary>
    /// <exception cref="ContainerEngineNotFoundException">None answered.</exception>
    public static async Task<Uri> DiscoverAsync(CancellationToken cancellationToken = default, IEnumerable<Uri>? candidates = null)
    {
        var attempts = new List<string>();
        var list = candidates?.ToList() ?? Candidates();
        foreach (var endpoint in list)
        {
            var problem = await PingAsync(endpoint, cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                return endpoint;
            }

            attempts.Add($"{endpoint}: {problem}");
        }

        if (candidates is null && Environment.GetEnvironmentVariable("DOCKER_HOST") is null)
        {
            attempts.Add("DOCKER_HOST: not set");
        }

        throw new ContainerEngineNotFoundException(attempts);
    }

    private static List<Uri> Candidates()
    {
        var list = new List<Uri>();
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host && Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            list.Add(uri);
        }

        list.AddRange(WellKnownEndpoints.Where(e => !list.Contains(e)));
        return list;
    }

    /// <summary>Null when the engine answers, else why not.</summary>
    private static async Task<string?> PingAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.Scheme != "unix")
        {
            return await PingTcpAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(endpoint.AbsolutePath))
        {
            return "no such socket";
        }

        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.AbsolutePath), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return await PingHttpAsync(new HttpClient(handler) { BaseAddress = new Uri("http://engine/") }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> PingTcpAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(endpoint) { Scheme = "http" };
        return await PingHttpAsync(new HttpClient { BaseAddress = builder.Uri }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> PingHttpAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                using var response = await client.GetAsync("_ping", cts.Token).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException)
            {
                return e is OperationCanceledException ? "no answer within 3 s" : e.Message;
            }
        }
    }
}
