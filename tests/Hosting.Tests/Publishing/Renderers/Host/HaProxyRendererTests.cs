using Platform.Hosting.Publishing;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

public class HaProxyRendererTests
{
    [RequiresToolFact("haproxy")]
    public async Task Render_ProductionModel_HaproxyAcceptsTheConfiguration()
    {
        using var dir = new TempFolder();
        var cfg = RenderedArtifacts.WriteTo(dir.Path, RenderedArtifacts.Of(TestModels.Production()).Host("lb-1", "/etc/haproxy/haproxy.cfg"));

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("haproxy"), ["-c", "-f", cfg]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("[WARNING]", result.Output, StringComparison.Ordinal);
    }

    [RequiresToolFact("haproxy")]
    public async Task Render_BrokenKeyword_IsWhatHaproxyRejects()
    {
        // Proves the check above can fail: the same file with one bad line is refused.
        using var dir = new TempFolder();
        var artifact = RenderedArtifacts.Of(TestModels.Production()).Host("lb-1", "/etc/haproxy/haproxy.cfg");
        var cfg = RenderedArtifacts.WriteTo(dir.Path, artifact with { Content = artifact.Content.Replace("balance roundrobin", "balance sometimes", StringComparison.Ordinal) });

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("haproxy"), ["-c", "-f", cfg]);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void Render_EveryControlPlaneAndWorker_IsABackendServer()
    {
        var cfg = RenderedArtifacts.Of(TestModels.Production()).Host("lb-2", "/etc/haproxy/haproxy.cfg").Content;

        Assert.Contains("    server cp-3 10.20.1.13:6443", cfg, StringComparison.Ordinal);
        Assert.Contains("    server worker-3 10.20.2.13:30443", cfg, StringComparison.Ordinal);
        Assert.Contains("http-check send meth GET uri /readyz", cfg, StringComparison.Ordinal);
        Assert.Contains("monitor-uri /healthz", cfg, StringComparison.Ordinal);
        Assert.Contains("frontend stats\n    bind 127.0.0.1:8406\n", cfg, StringComparison.Ordinal); // stats on the load balancer itself only
        Snapshot.Match("Hosting.Tests", "host/lb-1.haproxy.cfg", RenderedArtifacts.Of(TestModels.Production()).Host("lb-1", "/etc/haproxy/haproxy.cfg").Content);
    }
}
