using Platform.Hosting.Publishing;
using Platform.Deployer.Hosts;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>kubeadm join --control-plane on the other control planes, one at a time.</summary>
public sealed class JoinControlPlanesPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "join-control-planes";

    /// <inheritdoc />
    public override string Title => "Other control planes (kubeadm join)";

    /// <inheritdoc />
    public override int? MaxParallelism => 1;

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => JoinFiles;

    /// <summary>What a node needs placed before it joins (each host gets the ones rendered for it).</summary>
    private static readonly string[] JoinFiles = [Components.Kubeadm, Components.AuditPolicy, Components.Encryption, Components.PodSecurity];

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes.Skip(1);

    /// <inheritdoc />
    public override Task RunAsync(HostStep step, CancellationToken cancellationToken) => JoinAsync(step, "as a control plane", cancellationToken);

    /// <summary>Places the join configuration and joins when the node has not joined yet.</summary>
    internal static async Task JoinAsync(HostStep step, string how, CancellationToken cancellationToken)
    {
        await step.EnsureFilesAsync(step.Context.FilesFor(step.Host, JoinFiles), cancellationToken).ConfigureAwait(false);
        if (step.Facts.ExistingPaths.ContainsKey(HostMarkers.KubeletKubeconfig))
        {
            return;
        }

        await step.ChangeAsync($"kubeadm join {how} through {step.Context.RenderContext.ControlPlaneEndpointHost}:{ApiLoadBalancerResource.ApiServerPort}", async ct =>
        {
            await step.RunWithSecretFileAsync("kubeadm join --config \"$PLATFORM_SECRET_FILE\"", step.Context.KubeadmConfigWithSecrets(step.Host), ct, TimeSpan.FromMinutes(15)).ConfigureAwait(false);
            step.Facts.ExistingPaths[HostMarkers.KubeletKubeconfig] = true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
