using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Hosting.Publishing.Renderers.Host;

namespace Platform.Deployer.Etcd;

/// <summary>
/// Restore, step 3: each member's data is rebuilt from the checked snapshot with etcdutl, under its own name and peer
/// URL and the new cluster token; the old data folder is kept beside it. Journaled: a resume skips members done.
/// </summary>
public sealed class EtcdRestoreDataPhase(EtcdRestorePlan plan) : Phase
{
    /// <inheritdoc />
    public override string Name => "etcd-restore-data";

    /// <inheritdoc />
    public override string Title => "Restore every member's data from the snapshot";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => plan.Fingerprint(Name);

    /// <inheritdoc />
    public override Task RunAsync(HostStep step, CancellationToken cancellationToken)
        => step.ChangeAsync($"restore {plan.Name} into {EtcdPaths.DataDirectory} as member {step.Host.Name} of cluster {plan.Token} (the old data kept beside it)", ct => step.RunAsync(
            $"echo {Shell.Quote($"{plan.Manifest!.Sha256}  {plan.LocalFile}")} | sha256sum -c --quiet - >/dev/null 2>&1 || {{ echo '{plan.LocalFile} is missing or changed since it was checked; run aspire do etcd-restore again after deleting {EtcdRestorePlan.JournalPath(step.Context.State)}' >&2; exit 1; }}; " +
            $"ETCD_RESTORE_START=false {EtcdSnapshotRenderer.RestoreScriptPath} {Shell.Quote(plan.LocalFile)} {Shell.Quote(plan.Token)}", ct, TimeSpan.FromMinutes(30)), cancellationToken);
}
