namespace Aspire.Hosting.ApplicationModel;

/// <summary>How machines are patched.</summary>
public sealed record PatchPolicyAnnotation : IResourceAnnotation
{
    /// <summary>Which updates are applied automatically.</summary>
    public required PatchPolicy Policy { get; init; }

    /// <summary>
    /// When an update needs a reboot, the time (HH:mm, machine local time) unattended-upgrades may
    /// reboot; null never reboots automatically. Kubernetes packages are held, so they never move.
    /// </summary>
    public string? RebootTime { get; init; }
}
