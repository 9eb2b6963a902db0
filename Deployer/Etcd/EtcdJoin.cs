using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Etcd;

/// <summary>
/// A control plane's member joining the running cluster, as a replacement (<c>aspire do etcd-replace-member</c>) or a
/// new control plane (<c>aspire do add-node</c>): quorum checked first through a healthy member that stays, an old member
/// at its address removed, its old data set aside, then added with <c>existing</c> cluster state (/etc/etcd/join.env),
/// started by the etcd phase's own work, and caught up with the leader before join.env goes.
/// </summary>
public static partial class EtcdJoin
{
    /// <summary>How long the new member may take to become healthy and catch up.</summary>
    public static TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Finds a healthy member to act through and refuses when adding <paramref name="target"/> would lose quorum; touches nothing.</summary>
    /// <param name="context">The run.</param>
    /// <param name="target">The control plane whose member joins.</param>
    /// <param name="verb">What the operation does to it, for messages ("replace", "add").</param>
    /// <param name="doing">The same as a gerund ("Replacing", "Adding").</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <exception cref="EtcdOperationException">No member that stays is healthy, or quorum would be lost.</exception>
    public static async Task<EtcdJoinPlan> PrepareAsync(DeploymentContext context, DeployHost target, string verb, string doing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        DeployHost? peer = null;
        foreach (var host in context.Hosts.ControlPlanes.Where(h => h != target))
        {
            // The others may be down: each is tried on its own, and the quorum check counts them.
            if (await EtcdHosts.TryConnectAsync(context, host, cancellationToken).ConfigureAwait(false) is null && (await host.Ssh.RunAsync(Etcdctl.Local("endpoint health"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                peer = host;
                break;
            }
        }

        if (peer is null)
        {
            throw new EtcdOperationException($"No other control plane has a healthy etcd member to {verb} {target.Name} through: the cluster has lost quorum, and {doing.ToLowerInvariant()} a member would not bring it back; nothing was touched. Restore it from a snapshot instead: aspire do etcd-restore.");
        }

        var list = (await peer.Ssh.RunAsync(Etcdctl.Local("member list --write-out=json"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var members = EtcdMembers.Parse(list.Output);
        var existing = members.FirstOrDefault(m => m.PeerUrls.Contains(PeerUrl(target)));
        var others = members.Where(m => m.Id != existing.Id).ToList();
        var healthy = 0;
        foreach (var other in others.Where(m => m.ClientUrls.Count > 0))
        {
            var check = await peer.Ssh.RunAsync(Etcdctl.At(other.ClientUrls[0], "endpoint health"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            healthy += check.Succeeded ? 1 : 0;
        }

        // The strictest moment is right after the add: the others plus the new member (not started yet) must keep quorum.
        var needed = (others.Count + 1) / 2 + 1;
        var quorum = $"{healthy} of {others.Count} other members healthy; {needed} needed once {target.Name} is {(existing.Id is null ? "added" : "added back")}";
        return healthy < needed
            ? throw new EtcdOperationException($"{doing} {target.Name} would lose etcd's quorum ({quorum}); nothing was touched. Bring the other members back first, or restore from a snapshot: aspire do etcd-restore.")
            : new EtcdJoinPlan(peer, existing.Id, quorum);
    }

    /// <summary>Joins the step's host as <paramref name="plan"/> says; with <paramref name="newCertificates"/> its etcd leaves are issued afresh (a lost machine's keys are not trusted again).</summary>
    public static async Task RunAsync(HostStep step, EtcdJoinPlan plan, bool newCertificates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(plan);
        var member = step.Host.Name;
        var peer = plan.Peer;
        var peerUrl = PeerUrl(step.Host);
        if (plan.ExistingId is not null)
        {
            await step.ChangeAsync($"remove the lost member {member} (id {plan.ExistingId}) from the cluster, through {peer.Name}",
                ct => RunMembershipCommandAsync(peer, Etcdctl.Local($"member remove {plan.ExistingId}"), ct), cancellationToken).ConfigureAwait(false);
        }

        if (plan.ExistingId is not null || step.Facts.ActiveUnits.ContainsKey("etcd.service") || step.Facts.ExistingPaths.ContainsKey("/var/lib/etcd"))
        {
            await step.ChangeAsync($"stop etcd on {member} and set its old data aside", ct => step.RunAsync(
                $"systemctl stop etcd || true; if [ -d {EtcdPaths.DataDirectory} ]; then mv {EtcdPaths.DataDirectory} {EtcdPaths.DataDirectory}.replaced-$(date -u +%Y%m%dT%H%M%SZ); fi", ct), cancellationToken).ConfigureAwait(false);
            step.Facts.ActiveUnits.TryRemove("etcd.service", out _);
        }

        if (newCertificates)
        {
            await step.ChangeAsync($"issue new etcd server and peer certificates for {member}", _ =>
            {
                var directory = Path.Combine(step.Context.State.EtcdPkiDirectory, member);
                if (Directory.Exists(directory))
                {
                    Directory.Move(directory, $"{directory}.replaced-{DateTime.UtcNow:yyyyMMddHHmmss}");
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        // A member joining with existing state must name the membership as it is then (etcd compares the two), which may
        // differ from the model's while control planes join one at a time: etcdctl member add prints it.
        var initialCluster = "";
        await step.ChangeAsync($"add {member} as a member ({peerUrl}), through {peer.Name}", async ct =>
        {
            var added = await RunMembershipCommandAsync(peer, Etcdctl.Local($"member add {Shell.Quote(member)} --peer-urls={peerUrl}"), ct).ConfigureAwait(false);
            initialCluster = InitialClusterLine().Match(added.Output) is { Success: true } line ? line.Groups[1].Value
                : throw new EtcdOperationException($"{peer.Name}: etcdctl member add printed no ETCD_INITIAL_CLUSTER for {member}: {EtcdHosts.FirstLine(added)}. Check the member list there (etcdctl member list), then run the operation again.");
        }, cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"write {EtcdPaths.JoinEnvironmentFile}: {member} joins the running cluster (existing state, the membership as it is now)",
            ct => step.Host.Ssh.WriteFilesAsync([new RemoteFile(EtcdPaths.JoinEnvironmentFile, System.Text.Encoding.UTF8.GetBytes(
                $"# Joining the running cluster (existing state); removed once joined.\nETCD_INITIAL_CLUSTER_STATE=existing\nETCD_INITIAL_CLUSTER={initialCluster}\n"), "0644")], ct), cancellationToken).ConfigureAwait(false);

        // The etcd phase's own work on this host: packages, certificates, configuration, unit, start.
        await new EtcdPhase().RunAsync(step, cancellationToken).ConfigureAwait(false);
        if (!step.Facts.ActiveUnits.ContainsKey("etcd.service"))
        {
            await step.ChangeAsync("start etcd", ct => step.RunAsync("systemctl start --no-block etcd", ct), cancellationToken).ConfigureAwait(false);
        }

        await step.ChangeAsync($"wait until {member} is healthy and has caught up with the leader", ct => CatchUpAsync(step.Host, peer, ct), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"remove {EtcdPaths.JoinEnvironmentFile} ({member} has joined)", ct => step.RunAsync($"rm -f {EtcdPaths.JoinEnvironmentFile}", ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an etcdctl membership change on <paramref name="host"/>. etcd refuses one while a member has been connected for
    /// less than 5 s ("unhealthy cluster"): one that just restarted is not counted yet. Such a refusal is asked again, for at most 30 s.
    /// </summary>
    public static async Task<CommandResult> RunMembershipCommandAsync(DeployHost host, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await host.Ssh.RunAsync(command, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded || !(result.Error + result.Output).Contains("unhealthy cluster", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return result.EnsureSuccess();
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The member's peer URL, as the cluster lists it.</summary>
    public static string PeerUrl(DeployHost host) => PeerUrl(host?.Machine ?? throw new ArgumentNullException(nameof(host)));

    /// <summary>The member's peer URL, as the cluster lists it.</summary>
    public static string PeerUrl(Machine machine) => $"https://{machine?.Address}:{EtcdClusterResource.PeerPort}";

    private static async Task CatchUpAsync(DeployHost host, DeployHost peer, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CatchUpTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            // The leader's revision first, then the member's: under steady writes the leader is always a few revisions
            // ahead of any later reading, so "caught up" means reaching what the leader had when asked.
            var theirs = await peer.Ssh.RunAsync(Etcdctl.Local("endpoint status --write-out=json"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            var mine = await host.Ssh.RunAsync(Etcdctl.Local("endpoint status --write-out=json"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
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

    private static long? Revision(string json) => RevisionField().Match(json) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("^ETCD_INITIAL_CLUSTER=\"?([^\"\\n]+)\"?$", RegexOptions.Multiline)]
    private static partial Regex InitialClusterLine();

    [GeneratedRegex("\"revision\":(\\d+)")]
    private static partial Regex RevisionField();
}
