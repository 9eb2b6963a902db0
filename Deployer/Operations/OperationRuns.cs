using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>Runs one graph of a node operation: its own journal (so it resumes apart from the deploy's), a scope, connections closed at the end.</summary>
public static class OperationRuns
{
    /// <summary>Plans (<paramref name="apply"/> false) or applies <paramref name="graph"/> on <paramref name="inventory"/> within the scope <paramref name="scope"/> makes (host keys checked against <paramref name="knownHosts"/> when given).</summary>
    public static async Task<DeploymentResult> RunAsync(DeploymentInput input, DeploymentInventory inventory, string journal, PhaseGraph graph, bool apply,
        Func<DeploymentContext, DeploymentScope> scope, IDeploymentObserver observer, CancellationToken cancellationToken, bool recordsLedger = false, Ssh.KnownHostsFile? knownHosts = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scope);
        var state = new StateFolder(input.StatePath);
        var options = input.Options(dryRun: !apply);
        var context = new DeploymentContext(input.Model, inventory, state, knownHosts is null ? options : options with { KnownHosts = knownHosts }, observer)
        {
            Journal = apply ? Journal.Open(state.OperationJournalPath(journal)) : null,
            Ledger = apply && recordsLedger ? HostLedger.Open(state.LedgerPath) : null,
        };
        context.Scope = scope(context);
        try
        {
            return await DeploymentRunner.RunAsync(context, graph, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await context.DisconnectAsync().ConfigureAwait(false);
        }
    }
}
