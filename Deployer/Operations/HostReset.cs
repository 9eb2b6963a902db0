using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>
/// <c>aspire do reset</c> (the hosts <c>Deploy:Hosts</c> names) and <c>aspire destroy</c> (every host): each host back to
/// a clean OS, then its facts gathered afresh must find nothing of the platform. Hosts not named are not contacted. An
/// applied reset forgets the hosts in the ledger, so adding them again installs them from scratch.
/// </summary>
/// <param name="everyHost">True for <c>aspire destroy</c>: every host of the inventory.</param>
public sealed class HostReset(bool everyHost = false) : INodeOperation
{
    /// <summary>The step and confirmation name of a reset of chosen hosts.</summary>
    public const string ResetName = "reset";

    /// <summary>The confirmation name of <c>aspire destroy</c>.</summary>
    public const string DestroyName = "destroy";

    /// <summary>connect → os → facts → reset → reset-check.</summary>
    public static PhaseGraph Graph { get; } = PhaseGraph.Create(PipelinePhase.Sequence([new ConnectPhase(), new DetectOsPhase(), new GatherFactsPhase(), new ResetPhase(), new ResetCheckPhase()]));

    /// <inheritdoc />
    public string Name => everyHost ? DestroyName : ResetName;

    /// <inheritdoc />
    public bool Destroys => true;

    /// <inheritdoc />
    public string What => "stop and remove the platform's units, purge its held packages, delete its files, etcd data, PKI and firewall rules";

    /// <inheritdoc />
    public IReadOnlyList<string> Hosts(DeploymentInput input)
        => everyHost ? [.. input.Inventory.Topology.Machines.Select(m => m.Name)] : OperationHosts.Resolve(input, Name);

    /// <inheritdoc />
    public async Task<DeploymentResult> RunAsync(DeploymentInput input, bool apply, IDeploymentObserver observer, CancellationToken cancellationToken)
    {
        var hosts = Hosts(input);
        var result = await OperationRuns.RunAsync(input, input.Inventory, Name, Graph, apply, _ => DeploymentScope.Only(hosts, Name), observer, cancellationToken).ConfigureAwait(false);
        if (apply && result.Failures.Count == 0)
        {
            HostLedger.Open(new StateFolder(input.StatePath).LedgerPath).Forget(hosts);
        }

        return result;
    }
}
