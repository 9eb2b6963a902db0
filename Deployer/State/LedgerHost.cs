namespace Platform.Deployer.State;

/// <summary>One host as the last finished apply left it: where it is, how it was reached, and each phase's fingerprint.</summary>
public sealed class LedgerHost
{
    /// <summary>control-plane, worker or load-balancer.</summary>
    public string Role { get; set; } = "";

    /// <summary>The model pool.</summary>
    public string Pool { get; set; } = "";

    /// <summary>The model subnet.</summary>
    public string Subnet { get; set; } = "";

    /// <summary>The private address.</summary>
    public string Address { get; set; } = "";

    /// <summary>The network interface holding the address (from the inventory or facts).</summary>
    public string? Interface { get; set; }

    /// <summary>Where SSH reached it.</summary>
    public string SshHost { get; set; } = "";

    /// <summary>The SSH port.</summary>
    public int Port { get; set; }

    /// <summary>The login user.</summary>
    public string User { get; set; } = "";

    /// <summary>The private key file's path (never its content).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>Phase name → the fingerprint of what that phase was asked to do when it last finished here.</summary>
    public Dictionary<string, string> Phases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When a finished apply last recorded it.</summary>
    public DateTimeOffset At { get; set; }
}
