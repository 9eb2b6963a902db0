using Platform.Hosting.Publishing;
using Platform.Deployer.Hosts;

namespace Platform.Deployer.Phases;

/// <summary>kubeadm join on the workers, in parallel.</summary>
public sealed class JoinWorkersPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "join-workers";

    /// <inheritdoc />
    public override string Title => "Workers (kubeadm join)";

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.Kubeadm];

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.Workers;

    /// <inheritdoc />
    public override Task RunAsync(HostStep step, CancellationToken cancellationToken) => JoinControlPlanesPhase.JoinAsync(step, "as a worker", cancellationToken);
}
