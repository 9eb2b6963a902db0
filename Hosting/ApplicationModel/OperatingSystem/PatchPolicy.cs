namespace Aspire.Hosting.ApplicationModel;

/// <summary>Which updates unattended-upgrades applies.</summary>
public enum PatchPolicy
{
    /// <summary>Security updates only (the Ubuntu default for servers).</summary>
    SecurityOnly,

    /// <summary>Security and regular updates.</summary>
    AllUpdates,

    /// <summary>No automatic updates; patching is an operator task.</summary>
    Manual,
}
