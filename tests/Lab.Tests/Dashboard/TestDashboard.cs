using Aspire.Hosting;
using Platform.Testing;
using System.Net.Http.Headers;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Lab.Dashboard;
using Platform.Lab.Resources;

namespace Platform.Lab.Tests.Dashboard;

/// <summary>A real dashboard on a free loopback port over a small model, with its artifacts and two HTTP clients.</summary>
internal sealed class TestDashboard : IAsyncDisposable
{
    /// <summary>The lab machines the tests add, as the machines substrate would.</summary>
    public static readonly string[] Machines = ["cp-1", "worker-1"];

    private TestDashboard(PlatformModel model, ResourceStateStore store, IReadOnlyList<Artifact> artifacts, DashboardServer server)
    {
        Model = model;
        Store = store;
        Artifacts = artifacts;
        Server = server;
        Anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(15) };
        Client = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(15) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
    }

    public PlatformModel Model { get; }

    public ResourceStateStore Store { get; }

    public IReadOnlyList<Artifact> Artifacts { get; }

    public DashboardServer Server { get; }

    /// <summary>No token, no cookies, no redirects followed.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Sends the token as a bearer header.</summary>
    public HttpClient Client { get; }

    public static async Task<TestDashboard> StartAsync()
    {
        var model = SmallModel();
        var store = new ResourceStateStore(model, new LabStatus("dash-test", "machines", "starting", Ready: false));
        foreach (var machine in Machines)
        {
            store.Add(machine, "Machine", PlatformLayer.Infrastructure);
        }

        var artifacts = ArtifactRenderers.RenderAll(RenderContext.ForPublish(model));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = await DashboardServer.StartAsync(new DashboardOptions(Port: 0), store, artifacts, timeout.Token);
        return new TestDashboard(model, store, artifacts, server);
    }

    /// <summary>One control plane, one worker, etcd, Calico and Longhorn.</summary>
    public static PlatformModel SmallModel() => TestModels.Small().BuildModel();

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
