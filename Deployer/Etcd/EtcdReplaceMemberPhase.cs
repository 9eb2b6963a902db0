using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Etcd;

/// <summary>
/// Replaces one control plane's etcd member: quorum is checked first, then the lost member is removed, the machine gets
/// new certificates, is added back with <c>existing</c> cluster state, starts, and must catch up with the leader.
/// </summary>
public sealed partial class EtcdReplaceMemberPhase(string member) : Phase
{
    private DeployHost? _peer;
    private string? _lostId;

    /// <summary>How long the new member may take to become healthy and catch up.</summary>
    public static TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <inheritdoc />
    public override string Name => "etcd-replace-member";

    /// <inheritdoc />
    public override string Title => $"Replace etcd member {member}";

    /// <summary>What the quorum check found.</summary>
    public string Quorum { get; private set; } = "";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.Where(h => h.Name == member);

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Guid.NewGuid().ToString();

    /// <summary>Finds a healthy member to act through and refuses when the replacement would lose quorum.</summary>
    public override async Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        var target = context.Hosts.Single(h => h.Name == member);
        var peerUrl = PeerUrl(target);
        foreach (var host in context.Hosts.ControlPlanes.Where(h => h != target))
        {
            // The others may be down: each is tried on its own, and the quorum check counts them.
            if (await EtcdHosts.TryConnectAsync(context, host, cancellationToken).ConfigureAwait(false) is null && (await host.Ssh.RunAsync(Etcdctl.Local("endpoint health"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                _peer = host;
                break;
            }
        }

        if (_peer is null)
        {
            throw new EtcdOperationException($"No other control plane has a healthy etcd member to replace {member} through: the cluster has lost quorum, and replacing a member would not bring it back; nothing was touched. Restore it from a snapshot instead: aspire do etcd-restore.");
        }

        var list = (await _peer.Ssh.RunAsync(Etcdctl.Local("member list --write-out=json"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var members = EtcdMembers.Parse(list.Output);
        var lost = members.FirstOrDefault(m => m.PeerUrls.Contains(peerUrl));
        _lostId = lost.Id;
        var others = members.Where(m => m.Id != lost.Id).ToList();
        var healthy = 0;
        foreach (var other in others.Where(m => m.ClientUrls.Count > 0))
        {
            var check = await _peer.Ssh.RunAsync(Etcdctl.At(other.ClientUrls[0], "endpoint health"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            healthy += check.Succeeded ? 1 : 0;
        }

        // The strictest moment is right after the add: the others plus the new member (not started yet) must keep quorum.
        var needed = (others.Count + 1) / 2 + 1;
        Quorum = $"{healthy} of {others.Count} other members healthy; {needed} needed once {member} is added back";
        if (healthy < needed)
        {
            throw new EtcdOperationException($"Replacing {member} would lose etcd's quorum ({Quorum}); nothing was touched. Bring the other members back first, or restore from a snapshot: aspire do etcd-restore.");
        }
    }

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var peer = _peer!;
        var peerUrl = PeerUrl(step.Host);
        if (_lostId is not null)
        {
            await step.ChangeAsync($"remove the lost member {member} (id {_lostId}) from the cluster, through {peer.Name}",
                ct => RunOn(peer, Etcdctl.Local($"member remove {_lostId}"), ct), cancellationToken).ConfigureAwait(false);
        }

        await step.ChangeAsync($"stop etcd on {member} and set its old data aside", ct => step.RunAsync(
            $"systemctl stop etcd || true; if [ -d {EtcdPaths.DataDirectory} ]; then mv {EtcdPaths.DataDirectory} {EtcdPaths.DataDirectory}.replaced-$(date -u +%Y%m%dT%H%M%SZ); fi", ct), cancellationToken).ConfigureAwait(false);
        step.Facts.ActiveUnits.TryRemove("etcd.service", out _);

        await step.ChangeAsync($"issue new etcd server and peer certificates for {member}", _ =>
        {
            var directory = Path.Combine(step.Context.State.EtcdPkiDirectory, member);
            if (Directory.Exists(directory))
            {
                Directory.Move(directory, $"{directory}.replaced-{DateTime.UtcNow:yyyyMMddHHmmss}");
            }

            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);

        await step.ChangeAsync($"add {member} as a member ({peerUrl}), through {peer.Name}",
            ct => RunOn(peer, Etcdctl.Local($"member add {Shell.Quote(member)} --peer-urls={peerUrl}"), ct), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"write {EtcdPaths.JoinEnvironmentFile}: {member} joins the running cluster (existing state)",
            ct => step.Host.Ssh.WriteFilesAsync([new RemoteFile(EtcdPaths.JoinEnvironmentFile, "# aspire do etcd-replace-member: join the running cluster; removed once joined.\nETCD_INITIAL_CLUSTER_STATE=existing\n"u8.ToArray(), "0644")], ct), cancellationToken).ConfigureAwait(false);

        // The etcd phase's own work on this host: packages, the new certificates, configuration, unit, start.
        await new EtcdPhase().RunAsync(step, cancellationToken).ConfigureAwait(false);
        if (!step.Facts.ActiveUnits.ContainsKey("etcd.service"))
        {
            await step.ChangeAsync("start etcd", ct => step.RunAsync("systemctl start --no-block etcd", ct), cancellationToken).ConfigureAwait(false);
        }

        await step.ChangeAsync($"wait until {member} is healthy and has caught up with the leader", ct => CatchUpAsync(step.Host, peer, ct), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"remove {EtcdPaths.JoinEnvironmentFile} ({member} has joined)", ct => step.RunAsync($"rm -f {EtcdPaths.JoinEnvironmentFile}", ct), cancellationToken).ConfigureAwait(false);
    }

    private static async Task CatchUpAsync(DeployHost host, DeployHost peer, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CatchUpTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var mine = await host.Ssh.RunAsync(Etcdctl.Local("endpoint status --write-out=json"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            var theirs = await peer.Ssh.RunAsync(Etcdctl.Local("endpoint status --write-out=json"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            if (mine.Succeeded && theirs.Succeeded && Revision(mine.Output) is { } have && Revision(theirs.Output) is { } want)
            {
                if (have >= want && (await host.Ssh.RunAsync(Etcdctl.Local("endpoint health"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false)).Succeeded)
                {
                    return;
                }

                last = $"revision {have}, the leader's {want}";
            }
            else
            {
                last = EtcdHosts.FirstLine(mine.Succeeded ? theirs : mine);
            }

            await Task.Delay(EtcdPhase.HealthPollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new EtcdOperationException($"{host.Name}: the new member did not catch up within {CatchUpTimeout.TotalSeconds:0} s ({last}). Its log: journalctl -u etcd on {host.Name}.");
    }

    // etcd refuses a membership change while a member has been connected for less than 5 s ("unhealthy cluster"):
    // one that just restarted is not counted yet. Such a refusal is asked again, for at most 30 s.
    private static async Task RunOn(DeployHost host, string command, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await host.Ssh.RunAsync(command, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded || !(result.Error + result.Output).Contains("unhealthy cluster", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                result.EnsureSuccess();
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string PeerUrl(DeployHost host) => $"https://{host.Machine.Address}:{EtcdClusterResource.PeerPort}";

    private static long? Revision(string json) => RevisionField().Match(json) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("\"revision\":(\\d+)")]
    private static partial Regex RevisionField();
}
