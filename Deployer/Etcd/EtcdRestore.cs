using System.Diagnostics;
using System.Globalization;
using Platform.Deployer.Backup;
using Platform.Deployer.Phases;
using Platform.Deployer.State;

namespace Platform.Deployer.Etcd;

/// <summary>
/// <c>aspire do etcd-restore</c>: restores a named snapshot (<c>Deploy:Snapshot</c>) or the newest from the backup target
/// onto every control plane. It throws away newer data, so without <c>Deploy:Confirm=etcd-restore</c> it only plans.
/// Journaled: a failure halfway is resumed by running it again.
/// </summary>
public static class EtcdRestore
{
    /// <summary>The step's name.</summary>
    public const string Name = "etcd-restore";

    /// <summary>Plans, or (confirmed) restores and checks; returns one line on what was restored and how long it took.</summary>
    /// <exception cref="EtcdOperationException">Not confirmed (after the plan), bad input, a bad snapshot (nothing touched), or a host failed.</exception>
    public static async Task<string> RunAsync(EtcdOperationScope scope, SnapshotName? snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var target = SnapshotTarget.Parse(scope.Snapshots.Schedule.CopyTo)
            ?? throw new EtcdOperationException("aspire do etcd-restore restores the off-node copies, and the model makes none: give etcd.AddSnapshots a copyTo (user@host:/path).");
        if (scope.Inventory.BackupTargetHostKey is null)
        {
            throw new EtcdOperationException($"The inventory does not pin the host key of {target.Host}, so no control plane may fetch from it: set backupTarget.hostKey in the inventory (ssh-keyscan -t ed25519 {target.Host}, fingerprint checked) and run aspire do etcd.");
        }

        var confirmed = scope.IsConfirmed(Name) && !scope.Options.DryRun;
        var cluster = scope.Model.Cluster.Name;
        var plan = confirmed
            ? EtcdRestorePlan.Open(scope.State, target, snapshot, cluster)
            : new EtcdRestorePlan { Target = target, Requested = snapshot, Token = $"{cluster}-etcd-restore-{DateTime.UtcNow:yyyyMMddHHmmss}" };
        if (plan.IsResume)
        {
            scope.Log($"Resuming the unfinished restore of {plan.Snapshot} (cluster token {plan.Token}): members already restored are skipped.");
        }

        var start = new EtcdRestoreStartPhase(plan);
        var clock = Stopwatch.StartNew();
        await EtcdOperationRun.RunAsync(scope, Name,
            [SelectedHostsPhase.ControlPlanes(new ConnectPhase()), new EtcdRestoreFetchPhase(plan), new EtcdRestoreStopPhase(), new EtcdRestoreDataPhase(plan), start, new EtcdRestoreApiPhase()],
            dryRun: !confirmed, confirmed ? Journal.Open(EtcdRestorePlan.JournalPath(scope.State)) : null, cancellationToken).ConfigureAwait(false);
        if (!confirmed)
        {
            throw EtcdOperationScope.Unconfirmed(Name, $"throws away every change made since {plan.Snapshot} was taken");
        }

        EtcdRestorePlan.Finish(scope.State);
        var (revision, keys) = start.Found!.Value;
        return string.Create(CultureInfo.InvariantCulture,
            $"{plan.Snapshot} restored onto {scope.Inventory.Topology.ControlPlanes.Count()} members (cluster {plan.Token}): healthy, revision {revision} (snapshot {plan.Manifest!.Revision}), {keys}/{plan.Manifest.Keys} keys, in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
