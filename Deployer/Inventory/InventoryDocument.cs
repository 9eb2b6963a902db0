namespace Platform.Deployer.Inventory;

/// <summary>The inventory file as written: SSH defaults, the machines and the snapshot copy target.</summary>
public sealed class InventoryDocument
{
    /// <summary>Defaults for every machine's SSH settings.</summary>
    public InventorySshDefaults? Ssh { get; set; }

    /// <summary>The machines.</summary>
    public List<InventoryMachine>? Machines { get; set; }

    /// <summary>The snapshot copy target's host key, when the model copies snapshots off the nodes.</summary>
    public InventoryBackupTarget? BackupTarget { get; set; }
}
