using Platform.Deployer.Hosts;
using Platform.Deployer.Hosts.Configurers;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Testing;

namespace Platform.Deployer.Tests.Phases;

/// <summary>A run's context over <see cref="DeployerTestModels.Lab"/> whose hosts are all connected to a <see cref="RecordingConnection"/>.</summary>
internal static class RecordedContext
{
    public static (DeploymentContext Context, Dictionary<string, RecordingConnection> Connections) Create(TempFolder dir, Func<DeployHost, CancellationToken, Task<ISshConnection>>? connect = null, bool dryRun = false, int controlPlanes = 3)
    {
        var model = DeployerTestModels.Lab(controlPlanes: controlPlanes).BuildModel();
        var topology = model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var options = new DeploymentOptions { DryRun = dryRun, KnownHosts = new KnownHostsFile(dir.Combine("known_hosts")), Connect = connect };
        var context = new DeploymentContext(model, inventory, new StateFolder(dir.Combine("state")), options, new DeploymentObserver());
        var connections = new Dictionary<string, RecordingConnection>();
        foreach (var host in context.Hosts)
        {
            host.Connection = connections[host.Name] = new RecordingConnection(host.Name);
            host.Os = OsConfigurers.For("debian", "12");
        }

        return (context, connections);
    }
}
