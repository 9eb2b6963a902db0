using Aspire.Hosting;
using System.Net.NetworkInformation;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

public class KeepalivedRendererTests
{
    [RequiresToolFact("keepalived")]
    public async Task Render_ProductionModel_KeepalivedConfigTestAccepts()
    {
        using var dir = new TempFolder();
        // keepalived -t checks the interface exists and the script is executable: point both at this machine's.
        var nic = NetworkInterface.GetAllNetworkInterfaces().First(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback && n.OperationalStatus == OperationalStatus.Up).Name;
        var model = TestModels.Production().BuildModel();
        var topology = new PlatformTopology(model.PlanTopology().Machines.Select(m => m with { Interface = nic }));
        var artifact = RenderedArtifacts.Of(new RenderContext(model, topology, PlatformSecrets.References)).Host("lb-1", "/etc/keepalived/keepalived.conf");
        var conf = RenderedArtifacts.WriteTo(dir.Path, artifact with { Content = artifact.Content.Replace(KeepalivedRenderer.CheckScriptPath, "/bin/true", StringComparison.Ordinal) });

        var ok = await ProcessRunner.RunAsync(RequiredTools.Require("keepalived"), ["-t", "-f", conf]);
        File.WriteAllText(conf, File.ReadAllText(conf).Replace("advert_int 1", "advert_int 1\n        no_such_keyword 7", StringComparison.Ordinal));
        var broken = await ProcessRunner.RunAsync(RequiredTools.Require("keepalived"), ["-t", "-f", conf]);

        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.NotEqual(0, broken.ExitCode);
    }

    [Fact]
    public void Render_TwoLoadBalancers_FirstWinsAndEachPeersTheOther()
    {
        var rendered = RenderedArtifacts.Of(TestModels.Production());
        var lb1 = rendered.Host("lb-1", "/etc/keepalived/keepalived.conf").Content;
        var lb2 = rendered.Host("lb-2", "/etc/keepalived/keepalived.conf").Content;

        Assert.Contains("priority 102", lb1, StringComparison.Ordinal);
        Assert.Contains("priority 101", lb2, StringComparison.Ordinal);
        Assert.Contains("unicast_peer {\n        10.20.3.12\n    }", lb1, StringComparison.Ordinal);
        Assert.Contains("10.20.3.5/24 dev eth0", lb2, StringComparison.Ordinal);
        Assert.Equal("0755", rendered.Host("lb-1", KeepalivedRenderer.CheckScriptPath).Mode);
        Snapshot.Match("Hosting.Tests", "host/lb-2.keepalived.conf", lb2);
    }
}
