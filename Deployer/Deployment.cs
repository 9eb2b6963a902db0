using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer;

/// <summary>The programmatic entry point: plan or apply a model onto an inventory.</summary>
public static class Deployment
{
    /// <summary>Runs <paramref name="pipeline"/> (default: every phase of <see cref="Pipeline"/>, along its dependencies), each phase after the one before it when a plain list is given; connections are closed at the end whatever happens.</summary>
    public static Task<DeploymentResult> RunAsync(PlatformModel model, DeploymentInventory inventory, StateFolder state, DeploymentOptions options, IDeploymentObserver observer, CancellationToken cancellationToken, IReadOnlyList<IPhase>? pipeline = null)
        => RunAsync(model, inventory, state, options, observer, pipeline is null ? PhaseGraph.Default : PhaseGraph.Create(PipelinePhase.Sequence(pipeline)), cancellationToken);

    /// <summary>Runs the phases of <paramref name="graph"/> along their dependencies; connections are closed at the end whatever happens.</summary>
    public static async Task<DeploymentResult> RunAsync(PlatformModel model, DeploymentInventory inventory, StateFolder state, DeploymentOptions options, IDeploymentObserver observer, PhaseGraph graph, CancellationToken cancellationToken)
    {
        var context = new DeploymentContext(model, inventory, state, options, observer)
        {
            Journal = options.DryRun ? null : Journal.Open(state.JournalPath),
            Ledger = options.DryRun ? null : HostLedger.Open(state.LedgerPath),
        };
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
