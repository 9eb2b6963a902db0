using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer;

/// <summary>The programmatic entry point: plan or apply a model onto an inventory.</summary>
public static class Deployment
{
    /// <summary>Runs the pipeline; connections are closed at the end whatever happens.</summary>
    public static async Task<DeploymentResult> RunAsync(PlatformModel model, DeploymentInventory inventory, StateFolder state, DeploymentOptions options, IDeploymentObserver observer, CancellationToken cancellationToken, IReadOnlyList<IPhase>? pipeline = null)
    {
        var context = new DeploymentContext(model, inventory, state, options, observer)
        {
            Journal = options.DryRun ? null : Journal.Open(state.JournalPath),
        };
        try
        {
            return await DeploymentRunner.RunAsync(context, pipeline ?? Pipeline.Phases, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var host in context.Hosts.Where(h => h.Connection is not null))
            {
                await host.Connection!.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
