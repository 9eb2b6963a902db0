using Platform.Hosting.Publishing;
using Platform.Deployer.Hosts;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>kubeadm init on the first control plane, with the external etcd and the VIP as control-plane endpoint.</summary>
public sealed class InitControlPlanePhase : Phase
{
    /// <inheritdoc />
    public override string Name => "init";

    /// <inheritdoc />
    public override string Title => "First control plane (kubeadm init)";

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.Kubeadm, Components.AuditPolicy, Components.Encryption, Components.PodSecurity];

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => [context.Hosts.FirstControlPlane];

    /// <inheritdoc />
    protected override IEnumerable<DesiredFile> DesiredFiles(HostStep step) => step.Context.Pki.KubernetesCaFiles().Concat(base.DesiredFiles(step));

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        await step.EnsureFilesAsync(DesiredFiles(step), cancellationToken).ConfigureAwait(false);
        var endpoint = $"{context.RenderContext.ControlPlaneEndpointHost}:{ApiLoadBalancerResource.ApiServerPort}";
        if (!step.Facts.ExistingPaths.ContainsKey(HostMarkers.AdminKubeconfig))
        {
            await step.ChangeAsync($"kubeadm init (Kubernetes v{context.Model.Cluster.Version}, endpoint {endpoint}, external etcd)", async ct =>
            {
                await step.RunWithSecretFileAsync("kubeadm init --config \"$PLATFORM_SECRET_FILE\" --upload-certs", context.KubeadmConfigWithSecrets(step.Host), ct, TimeSpan.FromMinutes(15)).ConfigureAwait(false);
                await step.RunAsync($"install -d -m 0700 /root/.kube && install -m 0600 {KubernetesPaths.AdminKubeconfig} /root/.kube/config", ct).ConfigureAwait(false);
                step.Facts.ExistingPaths[HostMarkers.AdminKubeconfig] = true;
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Certificates uploaded for joining control planes expire after two hours; tokens after a day.
        // Only hosts this run reached have facts: in a scoped run the others joined long ago.
        if (context.Hosts.ControlPlanes.Skip(1).Where(context.InScope).Any(h => !h.Facts.ExistingPaths.ContainsKey(HostMarkers.KubeletKubeconfig)))
        {
            await step.ChangeAsync("upload control-plane certificates again for the control planes still to join", ct => step.RunWithSecretFileAsync(
                "kubeadm init phase upload-certs --upload-certs --config \"$PLATFORM_SECRET_FILE\"", context.KubeadmConfigWithSecrets(step.Host), ct), cancellationToken).ConfigureAwait(false);
        }

        if (context.Hosts.KubernetesNodes.Skip(1).Where(context.InScope).Any(h => !h.Facts.ExistingPaths.ContainsKey(HostMarkers.KubeletKubeconfig)))
        {
            // The token is a Secret in kube-system: applied from standard input, never on a command line.
            var secret = BootstrapTokenSecret.Yaml(context.Secrets.BootstrapToken, DateTimeOffset.UtcNow + BootstrapTokenSecret.Lifetime);
            await step.ChangeAsync($"renew the bootstrap token for the nodes still to join (valid {BootstrapTokenSecret.Lifetime.TotalHours:0} h)", async ct =>
                (await step.RunWithInputAsync($"{AdminKubectl.Command} apply --server-side --force-conflicts --field-manager=platform -f -", secret, ct).ConfigureAwait(false)).EnsureSuccess(),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
