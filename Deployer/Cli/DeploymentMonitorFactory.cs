using Platform.Deployer.Inventory;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Cli;

/// <summary>
/// Starts a live view of a run on <paramref name="port"/>. The dashboard lives in the Lab project, which
/// depends on the Deployer; the AppHost passes it in, so the Deployer does not depend on the Lab.
/// </summary>
public delegate Task<DeploymentMonitor> DeploymentMonitorFactory(PlatformModel model, DeploymentInventory inventory, int port, CancellationToken cancellationToken);
