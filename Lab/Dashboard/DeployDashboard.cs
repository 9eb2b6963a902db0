using Platform.Deployer.Cli;
using Platform.Deployer.Inventory;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Lab.Resources;

namespace Platform.Lab.Dashboard;

/// <summary>The dashboard for <c>deploy apply --dashboard-port</c>: the model, the inventory's machines and live per-host, per-phase progress.</summary>
public static class DeployDashboard
{
    /// <summary>Starts it; matches <see cref="DeploymentMonitorFactory"/>.</summary>
    public static async Task<DeploymentMonitor> StartAsync(PlatformModel model, DeploymentInventory inventory, int port, CancellationToken cancellationToken)
    {
        var store = new ResourceStateStore(model, new LabStatus(model.Cluster.Name, "deploy", "deploying", Ready: false));
        foreach (var machine in inventory.Topology.Machines)
        {
            var endpoint = inventory.Endpoints[machine.Name];
            store.AddMachine(machine);
            store.SetMachineUp(machine, endpoint.User, endpoint.Host, endpoint.Port);
        }

        var artifacts = ArtifactRenderers.RenderAll(RenderContext.ForPublish(model));
        var server = await DashboardServer.StartAsync(new DashboardOptions { Port = port }, store, artifacts, cancellationToken).ConfigureAwait(false);
        return new DeploymentMonitor(new StoreDeploymentObserver(store, model), server.LoginUrl, server);
    }
}
