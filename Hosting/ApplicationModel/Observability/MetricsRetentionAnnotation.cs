namespace Aspire.Hosting.ApplicationModel;

/// <summary>How long Prometheus keeps samples and how large its volume is.</summary>
public sealed record MetricsRetentionAnnotation : IResourceAnnotation
{
    /// <summary>15 days on a 50 GiB volume.</summary>
    public static MetricsRetentionAnnotation Default { get; } = new() { Retention = TimeSpan.FromDays(15), VolumeSizeGiB = 50 };

    /// <summary>How long samples are kept.</summary>
    public required TimeSpan Retention { get; init; }

    /// <summary>The PVC size.</summary>
    public required int VolumeSizeGiB { get; init; }
}
