using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Deployer.Tests.Phases;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Testing;

namespace Platform.Deployer.Tests.Security;

/// <summary>
/// Prepare applies the firewall in one transaction behind a rollback timer, and keeps it only when a new SSH login
/// works; otherwise it removes it at once and says how to let the deployer in. (On the lab's machines:
/// LabRunModeTests.Firewall_*.)
/// </summary>
public sealed class FirewallApplyTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Prepare_NewLoginWorks_ChecksArmsAppliesThenKeepsTheFirewall()
    {
        var logins = new List<RecordingConnection>();
        var (step, ssh) = Step((host, _) => Task.FromResult<ISshConnection>(Track(logins, new RecordingConnection(host.Name))));

        await new PrepareOsPhase().RunAsync(step, CancellationToken.None);

        var apply = Assert.Single(ssh.Commands, c => c.Contains("nft -f", StringComparison.Ordinal));
        Assert.Matches(@"^nft -c -f /etc/nftables.d/platform.nft && .*systemd-run --quiet --collect --unit=platform-firewall-rollback --on-active=90 /usr/sbin/nft delete table inet platform && nft -f /etc/nftables.d/platform.nft$", apply);
        Assert.Equal(["true"], Assert.Single(logins).Commands);
        Assert.Equal("systemctl stop platform-firewall-rollback.timer; systemctl enable --now platform-firewall.service", ssh.Commands[ssh.Commands.IndexOf(apply) + 1]);
        Assert.Contains(step.Changes, c => c.Description.StartsWith("apply the firewall", StringComparison.Ordinal));
        Assert.Contains(ssh.Writes.SelectMany(w => w), f => f.Path == FirewallRenderer.RulesetPath && f.Mode == "0600");
    }

    [Fact]
    public async Task Prepare_NewLoginRefused_RemovesTheFirewallAtOnceAndNamesTheFix()
    {
        var (step, ssh) = Step((host, _) => throw new SshConnectionException(host.Name, "root@127.0.0.1:22", "cannot connect: timed out", retryable: true));

        var e = await Assert.ThrowsAsync<PlatformException>(() => new PrepareOsPhase().RunAsync(step, CancellationToken.None));

        Assert.Contains("the firewall was removed again", e.Message, StringComparison.Ordinal);
        Assert.Contains("WithAdminSources", e.Message, StringComparison.Ordinal);
        Assert.Equal("nft delete table inet platform; systemctl stop platform-firewall-rollback.timer", ssh.Commands[^1]);
        Assert.DoesNotContain(ssh.Commands, c => c.Contains("enable --now platform-firewall", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prepare_FirewallInPlace_NoChange()
    {
        var (step, ssh) = Step((_, _) => throw new InvalidOperationException("no login expected"));
        var ruleset = step.Context.FilesFor(step.Host, [Hosting.Publishing.Components.Firewall]).ToList();
        foreach (var file in step.Context.FilesFor(step.Host, new PrepareOsPhase().FileComponents))
        {
            step.Facts.Files[file.Path] = new FileState(file.StatMode, file.Sha256);
        }

        step.Facts.EnabledUnits[FirewallRenderer.UnitName] = step.Facts.ActiveUnits[FirewallRenderer.UnitName] = true;

        await new PrepareOsPhase().RunAsync(step, CancellationToken.None);

        Assert.NotEmpty(ruleset);
        Assert.DoesNotContain(step.Changes, c => c.Description.Contains("firewall", StringComparison.Ordinal));
        Assert.DoesNotContain(ssh.Commands, c => c.Contains("nft -", StringComparison.Ordinal));
    }

    private static RecordingConnection Track(List<RecordingConnection> logins, RecordingConnection login)
    {
        logins.Add(login);
        return login;
    }

    private (HostStep Step, RecordingConnection Ssh) Step(Func<DeployHost, CancellationToken, Task<ISshConnection>> connect)
    {
        var (context, connections) = RecordedContext.Create(_dir, connect);
        var host = context.Hosts.First(h => h.Name == "worker-1");
        return (new HostStep(context, new PrepareOsPhase(), host), connections[host.Name]);
    }
}
