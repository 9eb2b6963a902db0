namespace Platform.Deployer.Inventory;

/// <summary>One machine as written in the inventory.</summary>
public sealed class InventoryMachine
{
    /// <summary>The machine name; becomes its hostname and Kubernetes node name.</summary>
    public string? Name { get; set; }

    /// <summary>The private address, inside the machine's subnet.</summary>
    public string? Address { get; set; }

    /// <summary>Where SSH reaches the machine, when not at <see cref="Address"/> (a bastion-free public IP, or 127.0.0.1 in a lab).</summary>
    public string? SshHost { get; set; }

    /// <summary>The SSH port.</summary>
    public int? Port { get; set; }

    /// <summary>The login user.</summary>
    public string? User { get; set; }

    /// <summary>The private key file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>control-plane, worker or load-balancer.</summary>
    public string? Role { get; set; }

    /// <summary>The model subnet the machine is in.</summary>
    public string? Subnet { get; set; }

    /// <summary>The model pool, when a role has several pools.</summary>
    public string? Pool { get; set; }

    /// <summary>The network interface holding <see cref="Address"/>; found from facts when omitted.</summary>
    public string? Interface { get; set; }
}
