using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>Restore, step 5: the API servers set aside in step 2 come back, now that etcd holds the restored data.</summary>
public sealed class EtcdRestoreApiPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "etcd-restore-api";

    /// <inheritdoc />
    public override string Title => "Put the API servers back";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Guid.NewGuid().ToString();

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        if ((await step.QueryAsync($"test -f {EtcdRestoreStopPhase.ApiServerManifestAside}", cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            await step.ChangeAsync("put the API server back in service",
                ct => step.RunAsync($"mv {EtcdRestoreStopPhase.ApiServerManifestAside} {EtcdRestoreStopPhase.ApiServerManifest}", ct), cancellationToken).ConfigureAwait(false);
        }
    }
}
