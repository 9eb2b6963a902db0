namespace Aspire.Hosting.ApplicationModel;

/// <summary>When snapshots are taken, how many are kept, and where copies go.</summary>
public sealed record SnapshotScheduleAnnotation : IResourceAnnotation
{
    /// <summary>The interval between snapshots (a systemd timer).</summary>
    public required TimeSpan Every { get; init; }

    /// <summary>How many snapshots each control plane keeps.</summary>
    public required int Keep { get; init; }

    /// <summary>
    /// An rsync-over-SSH destination (<c>user@host:/path</c>) each snapshot is copied to, so a lost
    /// control plane does not take its backups with it; null keeps snapshots on the node only.
    /// </summary>
    public string? CopyTo { get; init; }
}
