namespace Aspire.Hosting.ApplicationModel;

/// <summary>Where the API server writes its audit log and how it rotates.</summary>
public sealed record AuditLogAnnotation : IResourceAnnotation
{
    /// <summary>30 days, 10 files of 100 MB, under /var/log/kubernetes/audit.</summary>
    public static AuditLogAnnotation Default { get; } = new() { Path = "/var/log/kubernetes/audit/audit.log", MaxAgeDays = 30, MaxBackups = 10, MaxSizeMegabytes = 100 };

    /// <summary>The log file on each control plane (Fluent Bit tails it).</summary>
    public required string Path { get; init; }

    /// <summary>Days to keep rotated files.</summary>
    public required int MaxAgeDays { get; init; }

    /// <summary>Rotated files kept.</summary>
    public required int MaxBackups { get; init; }

    /// <summary>Size that triggers rotation.</summary>
    public required int MaxSizeMegabytes { get; init; }
}
