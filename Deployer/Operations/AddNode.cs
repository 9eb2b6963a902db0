using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Etcd;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>
/// <c>aspire do add-node</c>: after a pool's count and the inventory grew, the deploy's phases run only where they must:
/// every phase on the new hosts, and on the others only the phases whose fingerprint changed against the ledger (the
/// load balancers' HAProxy backends when a control plane joins, say). Every other host is left alone, not even contacted.
/// A new control plane's etcd member joins the running cluster (existing state), one at a time, quorum checked first.
/// </summary>
public sealed class AddNode : INodeOperation
{
    /// <summary>The step's name.</summary>
    public const string OperationName = "add-node";

    /// <inheritdoc />
    public string Name => OperationName;

    /// <inheritdoc />
    public bool Destroys => false;

    /// <inheritdoc />
    public string What => "install the new machines";

    /// <summary>The deploy's phases, with <paramref name="joining"/> control planes joining the running etcd cluster.</summary>
    public static PhaseGraph Graph(IReadOnlySet<string> joining, bool newCertificates)
        => joining.Count == 0 ? PhaseGraph.Default : PhaseGraph.Create(Pipeline.Graph.Select(p => p.Phase is EtcdPhase ? p with { Phase = new EtcdJoiningPhase(p.Phase, joining, newCertificates) } : p));

    /// <inheritdoc />
    public IReadOnlyList<string> Hosts(DeploymentInput input) => RecordedHosts.Added(input, RecordedHosts.Ledger(input));

    /// <inheritdoc />
    public async Task<DeploymentResult> RunAsync(DeploymentInput input, bool apply, IDeploymentObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ledger = RecordedHosts.Ledger(input);
        var removed = RecordedHosts.Removed(input, ledger);
        if (removed.Count > 0)
        {
            throw new DeployInputException([$"{string.Join(", ", removed)} left the inventory but {(removed.Count == 1 ? "is" : "are")} still part of the platform: run aspire do remove-node first (its plan says what it does)."]);
        }

        var notes = new List<string>();
        var added = RecordedHosts.Machines(input.Inventory, RecordedHosts.Added(input, ledger));
        var joining = new HashSet<string>(StringComparer.Ordinal);
        if (ledger.Names.Count == 0)
        {
            notes.Add("no host is recorded yet (no finished apply in this state folder): every host is in scope; operations after this one are scoped.");
        }
        else
        {
            var members = input.Inventory.Topology.ControlPlanes.Where(m => !added.Contains(m)).ToList();
            foreach (var machine in added.Where(m => m.Role == NodeRole.ControlPlane))
            {
                notes.AddRange(ControlPlanePlan.Add(members, machine, input.Inventory.Topology.LoadBalancers));
                joining.Add(machine.Name);
                members.Add(machine);
            }
        }

        var graph = Graph(joining, newCertificates: false);
        DeploymentScope? scope = null;
        var result = await OperationRuns.RunAsync(input, input.Inventory, Name, graph, apply, context => scope = DeploymentScope.FromLedger(context, graph, ledger),
            observer, cancellationToken, recordsLedger: true).ConfigureAwait(false);
        notes.AddRange(RecordedHosts.Reasons(scope!));
        notes.Add(RecordedHosts.Untouched(input, scope!) ?? "every host is in scope");
        return result with { Notes = notes };
    }
}
