using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Lab.Health;
using Platform.Testing;

namespace Platform.Lab.Tests.Health;

/// <summary>
/// A real HAProxy runs the rendered lb-1 configuration, moved onto loopback addresses (127.0.0.61 for the load
/// balancer, 127.20.x.y for the API servers, where nothing listens): /healthz answers on the health port and nothing
/// else does, the stats page is served on 127.0.0.1 only, and the probe reads the backend's servers from /metrics.
/// </summary>
public sealed class HaProxyProbeTests : IDisposable
{
    private static readonly IPAddress Balancer = IPAddress.Parse("127.0.0.61");
    private readonly TempFolder _dir = new("platform-haproxy");

    public void Dispose() => _dir.Dispose();

    [RequiresToolFact("haproxy")]
    public async Task RealHaproxy_HealthOnly_StatsOnLoopback_BackendFromMetrics()
    {
        var rendered = RenderedArtifactsOf(TestModels.Production()).Single(a => a.Target == "lb-1" && a.HostPath == "/etc/haproxy/haproxy.cfg").Content;
        var config = string.Join('\n', rendered.Split('\n')
            .Where(l => l.Trim() is not ("daemon" or "user haproxy" or "group haproxy") && !l.Contains("stats socket", StringComparison.Ordinal) && !l.Contains("log /dev/log", StringComparison.Ordinal))
            .Select(l => l.Replace("bind *:", $"bind {Balancer}:", StringComparison.Ordinal).Replace(" 10.20.", " 127.20.", StringComparison.Ordinal)));
        File.WriteAllText(_dir.Combine("haproxy.cfg"), config);
        using var haproxy = Process.Start(new ProcessStartInfo(RequiredTools.Require("haproxy"), ["-db", "-f", _dir.Combine("haproxy.cfg")]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            var probe = new HaProxyProbe(http);
            var answers = await UntilAsync(() => probe.AnswersAsync(Balancer, CancellationToken.None), a => a.Answers);
            using var statsOnHealthPort = await http.GetAsync(new Uri($"http://{Balancer}:{ApiLoadBalancerResource.HealthPort}/stats"));
            var statsOnLoopback = await http.GetAsync(new Uri($"http://127.0.0.1:{ApiLoadBalancerResource.StatsPort}/stats"));
            var backend = await UntilAsync(() => probe.BackendAsync(Balancer, "kubernetes-api", CancellationToken.None), b => b is { Up: 0 });

            Assert.True(answers.Answers, answers.Detail);
            Assert.Equal(HttpStatusCode.Forbidden, statsOnHealthPort.StatusCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://{Balancer}:{ApiLoadBalancerResource.StatsPort}/stats")));
            Assert.Equal(HttpStatusCode.OK, statsOnLoopback.StatusCode);
            Assert.Equal((0, 3), backend);
        }
        finally
        {
            haproxy.Kill(entireProcessTree: true);
            await haproxy.WaitForExitAsync();
        }
    }

    [Fact]
    public void Backend_CountsEachServerOnce_UpOnlyWhenItsUpSeriesIsOne()
    {
        const string metrics = """
            # HELP haproxy_server_status Current status of the service, per state label value.
            haproxy_server_status{proxy="kubernetes-api",server="cp-1",state="DOWN"} 0
            haproxy_server_status{proxy="kubernetes-api",server="cp-1",state="UP"} 1
            haproxy_server_status{proxy="kubernetes-api",server="cp-2",state="DOWN"} 1
            haproxy_server_status{proxy="kubernetes-api",server="cp-2",state="UP"} 0
            haproxy_server_status{proxy="ingress-http",server="worker-1",state="UP"} 1
            """;

        Assert.Equal((1, 2), HaProxyProbe.Backend(metrics, "kubernetes-api"));
        Assert.Null(HaProxyProbe.Backend(metrics, "no-such-backend"));
    }

    private static IReadOnlyList<Artifact> RenderedArtifactsOf(Aspire.Hosting.IDistributedApplicationBuilder builder) => ArtifactRenderers.RenderAll(RenderContext.ForPublish(builder.BuildModel()));

    /// <summary>Polls until <paramref name="done"/> holds or 20 s pass; returns the last value.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> get, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var value = await get();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            value = await get();
        }

        return value;
    }
}
