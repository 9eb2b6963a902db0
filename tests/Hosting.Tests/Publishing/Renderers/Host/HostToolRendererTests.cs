using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

/// <summary>The smaller host files, each checked by the program that reads it.</summary>
public class HostToolRendererTests
{
    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task Render_SshdHardening_SshdTestAcceptsItAndItTakesEffect()
    {
        using var dir = new TempFolder();
        var dropIn = RenderedArtifacts.WriteTo(dir.Path, RenderedArtifacts.Of(TestModels.Production()).Host("cp-1", SshdRenderer.DropInPath));
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.Combine("host_key")]);
        var config = dir.Combine("sshd_config");
        File.WriteAllText(config, $"Include {dropIn}\nHostKey {dir.Combine("host_key")}\nUsePAM no\n");
        Directory.CreateDirectory("/run/sshd");

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("sshd"), ["-T", "-f", config, "-C", "user=root,host=x,addr=127.0.0.1"]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("passwordauthentication no", result.Output, StringComparison.Ordinal);
        Assert.Contains("permitrootlogin without-password", result.Output, StringComparison.Ordinal);
        Assert.Contains("maxauthtries 3", result.Output, StringComparison.Ordinal);
    }

    [RequiresToolFact("nft")]
    public async Task Render_Firewall_NftChecksEveryRoleAndOnlyLoadBalancersTakeTheApiFromAnywhere()
    {
        using var dir = new TempFolder();
        var rendered = RenderedArtifacts.Of(TestModels.Production());
        foreach (var machine in new[] { "cp-1", "worker-1", "lb-1" })
        {
            var file = RenderedArtifacts.WriteTo(dir.Path, rendered.Host(machine, "/etc/nftables.d/platform.nft"), machine + ".nft");

            var result = await ProcessRunner.RunAsync(RequiredTools.Require("nft"), ["-c", "-f", file]);

            Assert.True(result.ExitCode == 0, $"{machine}: {result.Output}");
        }

        var lb = rendered.Host("lb-1", "/etc/nftables.d/platform.nft").Content;
        var cp = rendered.Host("cp-1", "/etc/nftables.d/platform.nft").Content;
        Assert.Contains("ip saddr { 0.0.0.0/0 } tcp dport { 6443, 80, 443 }", lb, StringComparison.Ordinal);
        Assert.Contains("ip saddr { 10.20.3.0/24 } tcp dport 8404 accept", lb, StringComparison.Ordinal);
        Assert.Contains("ip saddr { 10.20.1.0/24 } tcp dport 2379 accept", cp, StringComparison.Ordinal);
        Assert.Contains("ip saddr { 10.20.1.0/24 } tcp dport 2380 accept", cp, StringComparison.Ordinal);
        // etcd's /metrics listen on 127.0.0.1 only (node_exporter carries them): nothing to open.
        Assert.DoesNotContain("2381", cp, StringComparison.Ordinal);
        Assert.DoesNotContain("10257", cp, StringComparison.Ordinal);
        Assert.DoesNotContain("2379", rendered.Host("worker-1", "/etc/nftables.d/platform.nft").Content, StringComparison.Ordinal);
    }

    [RequiresToolFact("nft")]
    public async Task Render_FirewallWithAdminSources_OpensSshEtcdAndStatsToThemOnly_NftChecks()
    {
        using var dir = new TempFolder();
        var rendered = RenderedArtifacts.Of(TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<NetworkResource>().Single()).WithAdminSources("203.0.113.0/28", "198.51.100.7")));
        var lb = rendered.Host("lb-1", "/etc/nftables.d/platform.nft").Content;
        var cp = rendered.Host("cp-1", "/etc/nftables.d/platform.nft").Content;
        var worker = rendered.Host("worker-1", "/etc/nftables.d/platform.nft").Content;

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("nft"), ["-c", "-f", RenderedArtifacts.WriteTo(dir.Path, rendered.Host("lb-1", "/etc/nftables.d/platform.nft"), "lb.nft")]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("ip saddr { 10.20.0.0/16, 203.0.113.0/28, 198.51.100.7/32 } tcp dport 22 accept", worker, StringComparison.Ordinal);
        Assert.Contains("ip saddr { 10.20.1.0/24, 203.0.113.0/28, 198.51.100.7/32 } tcp dport 2379 accept", cp, StringComparison.Ordinal);
        Assert.Contains("ip saddr { 10.20.3.0/24, 203.0.113.0/28, 198.51.100.7/32 } tcp dport 8404 accept", lb, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.0/28 } tcp dport 2380", cp, StringComparison.Ordinal);
    }

    [RequiresToolFact("chronyd")]
    public async Task Render_Chrony_ChronydParsesTheServers()
    {
        using var dir = new TempFolder();
        var conf = RenderedArtifacts.WriteTo(dir.Path, RenderedArtifacts.Of(TestModels.Production(b =>
            b.CreateResourceBuilder(b.Resources.OfType<OperatingSystemResource>().Single()).WithTimeServers("ntp1.internal", "0.pool.ntp.internal"))).Host("cp-1", "/etc/chrony/conf.d/platform.conf"));

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("chronyd"), ["-p", "-f", conf]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("server ntp1.internal iburst", result.Output, StringComparison.Ordinal);
        Assert.Contains("pool 0.pool.ntp.internal iburst", result.Output, StringComparison.Ordinal);
    }

    [RequiresToolFact("bash")]
    public async Task Render_Scripts_AreValidBash()
    {
        using var dir = new TempFolder();
        var rendered = RenderedArtifacts.Of(TestModels.Production());
        foreach (var path in new[] { EtcdSnapshotRenderer.SnapshotScriptPath, EtcdSnapshotRenderer.RestoreScriptPath, KeepalivedRenderer.CheckScriptPath })
        {
            var machine = path == KeepalivedRenderer.CheckScriptPath ? "lb-1" : "cp-1";
            var file = RenderedArtifacts.WriteTo(dir.Path, rendered.Host(machine, path));

            var result = await ProcessRunner.RunAsync("bash", ["-n", file]);

            Assert.True(result.ExitCode == 0, $"{path}: {result.Output}");
        }
    }

    [Fact]
    public void Render_OperatingSystem_SysctlsModulesAndPatchPolicy()
    {
        var rendered = RenderedArtifacts.Of(TestModels.Production());

        var sysctl = rendered.Host("worker-2", "/etc/sysctl.d/90-platform.conf").Content;
        var upgrades = rendered.Host("lb-1", "/etc/apt/apt.conf.d/52platform-unattended-upgrades").Content;

        Assert.Contains("net.ipv4.ip_forward = 1", sysctl, StringComparison.Ordinal);
        Assert.Contains("net.bridge.bridge-nf-call-iptables = 1", sysctl, StringComparison.Ordinal);
        Assert.Equal("# overlay for containerd's snapshotter, br_netfilter for bridged pod traffic.\noverlay\nbr_netfilter\n", rendered.Host("cp-1", "/etc/modules-load.d/platform.conf").Content);
        Assert.Contains("Unattended-Upgrade::Automatic-Reboot-Time \"03:30\";", upgrades, StringComparison.Ordinal);
        Assert.Contains("    \"kubelet\";", upgrades, StringComparison.Ordinal);
        Assert.DoesNotContain("-updates\"", upgrades, StringComparison.Ordinal);
        Snapshot.Match("Hosting.Tests", "host/lb-1.52platform-unattended-upgrades", upgrades);
    }

    [Fact]
    public void Render_Containerd_SystemdCgroupsAndThePauseImage()
    {
        var toml = RenderedArtifacts.Of(TestModels.Production()).Host("worker-1", "/etc/containerd/config.toml").Content;

        Assert.Contains("SystemdCgroup = true", toml, StringComparison.Ordinal);
        Assert.Contains("sandbox_image = \"registry.k8s.io/pause:3.9\"", toml, StringComparison.Ordinal);
        Snapshot.Match("Hosting.Tests", "host/worker-1.containerd.config.toml", toml);
    }
}
