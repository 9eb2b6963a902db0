using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>
/// <c>aspire do remove-node</c>: after a pool's count and the inventory shrank, the hosts the ledger still records are
/// taken out: their Nodes drained and deleted where Kubernetes runs, a control plane's etcd member removed (quorum
/// checked first), the hosts that stay updated only where their fingerprint changed (the load balancers' HAProxy
/// backends), then each leaving machine reset. A leaving machine that does not answer SSH is passed over, saying so:
/// it never blocks the removal.
/// </summary>
/// <param name="etcd">Where a leaving control plane's etcd member is removed.</param>
public sealed class RemoveNode(IEtcdMembership etcd) : INodeOperation
{
    /// <summary>The step's and confirmation's name.</summary>
    public const string OperationName = "remove-node";

    /// <inheritdoc />
    public string Name => OperationName;

    /// <inheritdoc />
    public bool Destroys => true;

    /// <inheritdoc />
    public string What => "take them out of the cluster (Nodes drained and deleted where Kubernetes runs; a control plane's etcd member and HAProxy backend) and reset the machines";

    /// <inheritdoc />
    public IReadOnlyList<string> Hosts(DeploymentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ledger = RecordedHosts.Ledger(input);
        var removed = RecordedHosts.Removed(input, ledger);
        return removed.Count > 0 ? removed : throw new DeployInputException([ledger.Names.Count == 0
            ? $"aspire do {Name} finds no host recorded in the state folder {input.StatePath}: it removes hosts a finished deploy recorded. Pass the deployment's --Deploy:State."
            : $"aspire do {Name}: every recorded host ({string.Join(", ", ledger.Names)}) is still in the inventory. Take the machines out of the inventory and lower their pool's count in the model by as many, then run it again."]);
    }

    /// <inheritdoc />
    public async Task<DeploymentResult> RunAsync(DeploymentInput input, bool apply, IDeploymentObserver observer, CancellationToken cancellationToken)
    {
        var removed = Hosts(input);
        var ledger = RecordedHosts.Ledger(input);
        var everything = RecordedHosts.WithRemoved(input, ledger, removed);
        var leaving = RecordedHosts.Machines(everything, removed);
        var controlPlanes = leaving.Where(m => m.Role == NodeRole.ControlPlane).ToList();
        var notes = new List<string>();
        if (controlPlanes.Count > 0)
        {
            notes.AddRange(ControlPlanePlan.Remove([.. everything.Topology.ControlPlanes], controlPlanes, input.Inventory.Topology.LoadBalancers));
        }

        var unreachable = new List<string>();
        var options = input.Options(dryRun: !apply);
        foreach (var name in removed)
        {
            if (await HostProbe.UnreachableAsync(name, everything.Endpoints[name], options, cancellationToken).ConfigureAwait(false) is { } why)
            {
                unreachable.Add(name);
                notes.Add($"{name}: unreachable, so it is passed over and not reset ({why}). The removal goes on without it; once it is back, reset it (aspire do reset with it in the inventory) or reinstall it.");
            }
        }

        var runs = new List<DeploymentResult>();
        var kubernetes = RecordedHosts.KubernetesSelected(input);
        if (kubernetes || controlPlanes.Count > 0)
        {
            // 1. The cluster lets go of them, from a control plane that stays.
            var stays = input.Inventory.Topology.ControlPlanes.FirstOrDefault()
                ?? throw new DeployInputException([$"aspire do {Name} would leave no control plane: {string.Join(", ", removed)} are all of them. Reset the cluster instead: aspire destroy."]);
            var cluster = PhaseGraph.Create(PipelinePhase.Sequence([new ConnectPhase(), new DetectOsPhase(), new GatherFactsPhase(), new RemoveFromClusterPhase(leaving, etcd, kubernetes)]));
            runs.Add(await OperationRuns.RunAsync(input, everything, $"{Name}.cluster", cluster, apply, _ => DeploymentScope.Only([stays.Name], $"{string.Join(", ", removed)} leave the cluster"), observer, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            notes.Add($"Kubernetes phases are skipped ({DeploySettings.Section}:Skip): there is no Node of {string.Join(", ", removed)} to drain or delete.");
        }

        if (runs.All(r => r.Failures.Count == 0))
        {
            // 2. The hosts that stay: only what changed for them (the load balancers' backends); the others are not contacted.
            DeploymentScope? scope = null;
            runs.Add(await OperationRuns.RunAsync(input, input.Inventory, $"{Name}.others", PhaseGraph.Default, apply, context => scope = DeploymentScope.FromLedger(context, PhaseGraph.Default, ledger),
                observer, cancellationToken, recordsLedger: true).ConfigureAwait(false));
            notes.AddRange(RecordedHosts.Reasons(scope!));
            notes.Add(RecordedHosts.Untouched(input, scope!) ?? "every host that stays is in scope");
        }

        var reachable = removed.Except(unreachable).ToList();
        if (runs.All(r => r.Failures.Count == 0) && reachable.Count > 0)
        {
            // 3. The leaving machines back to a clean OS.
            runs.Add(await OperationRuns.RunAsync(input, everything, $"{Name}.hosts", HostReset.Graph, apply, _ => DeploymentScope.Only(reachable, "leaves the platform"), observer, cancellationToken).ConfigureAwait(false));
        }

        var result = DeploymentResult.Combine(!apply, runs, notes);
        if (apply && result.Failures.Count == 0)
        {
            ledger.Forget(removed);
        }

        return result;
    }
}
