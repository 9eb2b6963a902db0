using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

/// <summary>The systemd units (etcd, the snapshot service and timer) checked by the real systemd-analyze.</summary>
public class UnitRendererTests
{
    [RequiresToolFact("systemd-analyze", "etcd")]
    public async Task Render_EtcdAndSnapshotUnits_SystemdAnalyzeVerifyIsClean()
    {
        using var dir = new TempFolder();
        // DistroPackage puts ExecStart at /usr/bin/etcd, which Debian's etcd-server installs on this machine.
        var rendered = RenderedArtifacts.Of(TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<EtcdClusterResource>().Single()).WithSource(EtcdSource.DistroPackage)));
        var script = RenderedArtifacts.WriteTo(dir.Path, rendered.Host("cp-1", EtcdSnapshotRenderer.SnapshotScriptPath));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var service = rendered.Host("cp-1", EtcdSnapshotRenderer.ServicePath);
        var units = new[]
        {
            RenderedArtifacts.WriteTo(dir.Path, rendered.Host("cp-1", EtcdPaths.Unit)),
            RenderedArtifacts.WriteTo(dir.Path, rendered.Host("cp-1", EtcdSnapshotRenderer.TimerPath)),
            RenderedArtifacts.WriteTo(dir.Path, service with { Content = service.Content.Replace(EtcdSnapshotRenderer.SnapshotScriptPath, script, StringComparison.Ordinal) }),
        };

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("systemd-analyze"), ["verify", "--man=no", .. units], workingDirectory: dir.Path);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("Unknown", result.Output, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/bin/etcd", File.ReadAllText(units[0]), StringComparison.Ordinal);
    }

    [RequiresToolFact("systemd-analyze", "nft")]
    public async Task Render_FirewallUnit_SystemdAnalyzeVerifyIsClean_AndLoadsTheRulesetAtBoot()
    {
        using var dir = new TempFolder();
        var unit = RenderedArtifacts.Of(TestModels.Production()).Host("worker-1", $"/etc/systemd/system/{FirewallRenderer.UnitName}");
        var file = RenderedArtifacts.WriteTo(dir.Path, unit with { Content = unit.Content.Replace(FirewallRenderer.RulesetPath, "/dev/null", StringComparison.Ordinal) }, FirewallRenderer.UnitName);

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("systemd-analyze"), ["verify", "--man=no", file], workingDirectory: dir.Path);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"ExecStart=/usr/sbin/nft -f {FirewallRenderer.RulesetPath}", unit.Content, StringComparison.Ordinal);
        Assert.Contains("Before=network-pre.target", unit.Content, StringComparison.Ordinal);
    }

    [RequiresToolFact("systemd-analyze")]
    public async Task Verify_UnitWithAMissingBinary_Fails()
    {
        using var dir = new TempFolder();
        // The upstream source's /usr/local/bin/etcd is absent here: systemd-analyze must notice.
        var unit = RenderedArtifacts.WriteTo(dir.Path, RenderedArtifacts.Of(TestModels.Production()).Host("cp-1", EtcdPaths.Unit));

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("systemd-analyze"), ["verify", "--man=no", unit], workingDirectory: dir.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/usr/local/bin/etcd", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Timer_FiresAtTheModelsInterval()
    {
        var timer = RenderedArtifacts.Of(TestModels.Production()).Host("cp-2", EtcdSnapshotRenderer.TimerPath).Content;

        Assert.Contains("OnUnitActiveSec=6h", timer, StringComparison.Ordinal);
        Assert.Equal("90min", EtcdSnapshotRenderer.Duration(TimeSpan.FromMinutes(90)));
        Assert.Equal("45s", EtcdSnapshotRenderer.Duration(TimeSpan.FromSeconds(45)));
        Snapshot.Match("Hosting.Tests", "host/cp-1.etcd.service", RenderedArtifacts.Of(TestModels.Production()).Host("cp-1", EtcdPaths.Unit).Content);
        Snapshot.Match("Hosting.Tests", "host/cp-1.etcd-snapshot.timer", timer);
    }
}
