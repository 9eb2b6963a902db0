using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Upgrade;

/// <summary>
/// <c>aspire do upgrade</c>: the cluster moves to the release the model pins (<see cref="KubernetesVersions"/>), one minor
/// version at a time, in <see cref="UpgradePlanner"/>'s order: a check (version rule, deprecated APIs), the first control
/// plane, each other control plane, then the workers in bounded batches, every node drained and uncordoned. Journaled:
/// run again after a failure and finished nodes are passed over. Only the Kubernetes nodes are contacted.
/// </summary>
public sealed class KubernetesUpgrade : INodeOperation
{
    /// <summary>The step's and confirmation's name.</summary>
    public const string OperationName = "upgrade";

    /// <inheritdoc />
    public string Name => OperationName;

    /// <inheritdoc />
    public bool Destroys => true;

    /// <inheritdoc />
    public string What => "drain every node in turn, upgrade kubeadm, the control plane and kubelet, and restart kubelet";

    /// <inheritdoc />
    public IReadOnlyList<string> Hosts(DeploymentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RecordedHosts.KubernetesSelected(input)
            ? [.. input.Inventory.Topology.ControlPlanes.Concat(input.Inventory.Topology.Workers).Select(m => m.Name)]
            : throw new DeployInputException([$"aspire do {Name} upgrades Kubernetes, but {DeploySettings.Section}:Skip skips its phases: run it without skipping kubernetes-packages, init and the joins."]);
    }

    /// <summary>The phases: connect, os, facts, the check, then one phase per stage of <see cref="UpgradePlanner.Stages"/>.</summary>
    public static (PhaseGraph Graph, UpgradeCheckPhase Check) Graph(KubernetesVersion to, IReadOnlyList<string> controlPlanes, IReadOnlyList<string> workers)
    {
        var stages = UpgradePlanner.Stages(to, controlPlanes, workers);
        var check = new UpgradeCheckPhase(to);
        var batches = stages.Where(s => s.Name.StartsWith("workers", StringComparison.Ordinal)).ToList();
        IPhase[] phases =
        [
            new ConnectPhase(), new DetectOsPhase(), new GatherFactsPhase(), check,
            new UpgradeNodePhase("upgrade-first-control-plane", stages[1], to, applies: true, parallel: 1),
            new UpgradeNodePhase("upgrade-control-planes", new UpgradeStage("control planes", [.. controlPlanes.Skip(1)], stages[1].Steps), to, applies: false, parallel: 1),
            .. batches.Select((b, i) => new UpgradeNodePhase($"upgrade-workers-{i + 1}", b, to, applies: false, parallel: b.Hosts.Count)),
        ];
        return (PhaseGraph.Create(PipelinePhase.Sequence(phases)), check);
    }

    /// <inheritdoc />
    public async Task<DeploymentResult> RunAsync(DeploymentInput input, bool apply, IDeploymentObserver observer, CancellationToken cancellationToken)
    {
        var hosts = Hosts(input);
        var to = KubernetesVersion.TryParse(input.Model.Cluster.Version) ?? throw new DeployInputException([$"The model's Kubernetes version '{input.Model.Cluster.Version}' is not a release (1.31.2)."]);
        var controlPlanes = input.Inventory.Topology.ControlPlanes.Select(m => m.Name).ToList();
        var workers = input.Inventory.Topology.Workers.Select(m => m.Name).ToList();
        var (graph, check) = Graph(to, controlPlanes, workers);
        var result = await OperationRuns.RunAsync(input, input.Inventory, Name, graph, apply, _ => DeploymentScope.Only(hosts, $"upgrade to {to}"), observer, cancellationToken).ConfigureAwait(false);
        var plan = result.Failures.Count == 0 && check.From is { } from && UpgradePlanner.Plan(from, to, controlPlanes, workers) is { } p ? p.Lines() : [];
        return result with { Notes = [.. plan] };
    }
}
