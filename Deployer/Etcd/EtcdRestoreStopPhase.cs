using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>
/// Restore, step 2: where Kubernetes runs, the API server is taken out of service (its static pod manifest set aside,
/// so HAProxy's health check drops it from the backend); then etcd stops on every member. Run again on every resume.
/// </summary>
public sealed class EtcdRestoreStopPhase : Phase
{
    /// <summary>Where the API server's manifest waits while etcd is restored.</summary>
    public const string ApiServerManifestAside = "/etc/kubernetes/kube-apiserver.yaml.etcd-restore";

    /// <summary>The API server's static pod manifest (kubeadm).</summary>
    public const string ApiServerManifest = "/etc/kubernetes/manifests/kube-apiserver.yaml";

    /// <inheritdoc />
    public override string Name => "etcd-restore-stop";

    /// <inheritdoc />
    public override string Title => "Take the API servers out and stop etcd";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Guid.NewGuid().ToString(); // never skipped: a machine restarted since may run them again

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        if ((await step.QueryAsync($"test -f {ApiServerManifest}", cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            await step.ChangeAsync("take the API server out of service (its manifest set aside; HAProxy's health check drops it)",
                ct => step.RunAsync($"mv {ApiServerManifest} {ApiServerManifestAside}", ct), cancellationToken).ConfigureAwait(false);
        }

        await step.ChangeAsync("stop etcd", ct => step.RunAsync("systemctl stop etcd", ct, TimeSpan.FromMinutes(2)), cancellationToken).ConfigureAwait(false);
    }
}
