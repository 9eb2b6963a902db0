using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>
/// Restore, step 4: the members start together (each waits for the others), then the cluster must be healthy, its
/// revision at least the snapshot's, and its key count the snapshot's.
/// </summary>
public sealed partial class EtcdRestoreStartPhase(EtcdRestorePlan plan) : Phase
{
    /// <inheritdoc />
    public override string Name => "etcd-restore-start";

    /// <inheritdoc />
    public override string Title => "Start the members together and check the restored data";

    /// <summary>What the check found, once it ran.</summary>
    public (long Revision, long Keys)? Found { get; private set; }

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Guid.NewGuid().ToString(); // starting again is harmless

    /// <inheritdoc />
    public override Task RunAsync(HostStep step, CancellationToken cancellationToken)
        => step.ChangeAsync("start etcd", ct => step.RunAsync("systemctl start --no-block etcd", ct), cancellationToken);

    /// <inheritdoc />
    public override async Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        if (context.DryRun)
        {
            return;
        }

        await new EtcdPhase().FinishAsync(context, cancellationToken).ConfigureAwait(false);
        var host = context.Hosts.FirstControlPlane;
        var status = (await host.Ssh.RunAsync(Etcdctl.Cluster(context, "endpoint status --write-out=json"), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var count = (await host.Ssh.RunAsync(Etcdctl.Cluster(context, "get '' --prefix --keys-only --limit=1 --write-out=json"), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var revision = RevisionField().Matches(status.Output).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Min();
        var keys = CountField().Match(count.Output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        Found = (revision, keys);
        var manifest = plan.Manifest!;
        if (revision < manifest.Revision || keys != manifest.Keys)
        {
            throw new EtcdOperationException($"The restored cluster does not hold {plan.Name}: revision {revision} (the snapshot's is {manifest.Revision}, it must be at least that) and {keys} keys (the snapshot has {manifest.Keys}).");
        }
    }

    [GeneratedRegex("\"revision\":(\\d+)")]
    private static partial Regex RevisionField();

    [GeneratedRegex("\"count\":(\\d+)")]
    private static partial Regex CountField();
}
