namespace Aspire.Hosting.ApplicationModel;

/// <summary>A Velero Schedule.</summary>
public sealed record BackupScheduleAnnotation : IResourceAnnotation
{
    /// <summary>The schedule name.</summary>
    public required string Name { get; init; }

    /// <summary>A cron expression.</summary>
    public required string Cron { get; init; }

    /// <summary>How long each backup is kept.</summary>
    public required TimeSpan Ttl { get; init; }

    /// <summary>Namespaces included; empty means all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];
}
