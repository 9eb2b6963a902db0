namespace Platform.Deployer.Inventory;

/// <summary>SSH settings shared by every machine unless a machine sets its own.</summary>
public sealed class InventorySshDefaults
{
    /// <summary>The login user (non-root users need passwordless sudo).</summary>
    public string? User { get; set; }

    /// <summary>The private key file; <c>~</c> and paths relative to the inventory file work.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The SSH port.</summary>
    public int? Port { get; set; }
}
