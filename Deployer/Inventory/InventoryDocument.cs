namespace Platform.Deployer.Inventory;

/// <summary>The inventory file as written: SSH defaults and the machines.</summary>
public sealed class InventoryDocument
{
    /// <summary>Defaults for every machine's SSH settings.</summary>
    public InventorySshDefaults? Ssh { get; set; }

    /// <summary>The machines.</summary>
    public List<InventoryMachine>? Machines { get; set; }
}
