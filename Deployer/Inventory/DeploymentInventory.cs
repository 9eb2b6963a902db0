using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Inventory;

/// <summary>An inventory bound to the model: the machines (as a topology renderers read) and how to reach each.</summary>
/// <param name="Topology">The machines with their private addresses, roles and pools.</param>
/// <param name="Endpoints">SSH endpoint per machine name.</param>
public sealed record DeploymentInventory(PlatformTopology Topology, IReadOnlyDictionary<string, SshEndpoint> Endpoints)
{
    /// <summary>The snapshot copy target's pinned host key (<c>TYPE BASE64</c>), or null when the inventory gives none.</summary>
    public string? BackupTargetHostKey { get; init; }
}
