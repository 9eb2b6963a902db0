using Platform.Deployer.Hosts;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Phases;

/// <summary>The Helm controller and the CNI (a bootstrap HelmChart); then every node must become Ready.</summary>
public sealed class CniPhase : Phase
{
    /// <summary>How long nodes may take to become Ready once the CNI is applied.</summary>
    public static TimeSpan NodesReadyTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public override string Name => "cni";

    /// <inheritdoc />
    public override string Title => "Helm controller and CNI";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => [context.Hosts.FirstControlPlane];

    /// <summary>The cluster artifacts this phase applies, in order.</summary>
    public static IReadOnlyList<Artifact> Artifacts(DeploymentContext context)
        => ClusterManifests.InApplyOrder(context.ClusterArtifacts([Components.HelmController, Components.Calico, Components.Flannel]));

    /// <inheritdoc />
    protected override IEnumerable<DesiredFile> DesiredFiles(HostStep step)
        => Artifacts(step.Context).Select(a => DesiredFile.Text(ClusterObjects.PlacedPath(a), a.Content, "0600", a.Component));

    /// <inheritdoc />
    public override Task RunAsync(HostStep step, CancellationToken cancellationToken) => ClusterObjects.ApplyAsync(step, Artifacts(step.Context), cancellationToken);

    /// <inheritdoc />
    public override async Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        if (context.DryRun)
        {
            return;
        }

        var first = context.Hosts.FirstControlPlane;
        var result = await first.Ssh.RunAsync(
            $"{AdminKubectl.Command} wait --for=condition=Ready nodes --all --timeout={(int)NodesReadyTimeout.TotalSeconds}s",
            NodesReadyTimeout + TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new PlatformException($"Nodes did not become Ready within {NodesReadyTimeout} after the CNI was applied: {result.Error.Trim()} Check `kubectl get pods -n tigera-operator` and `kubectl get helmcharts -A` on {first.Name}.");
        }
    }
}
