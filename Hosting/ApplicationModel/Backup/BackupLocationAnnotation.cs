namespace Aspire.Hosting.ApplicationModel;

/// <summary>An S3-compatible bucket for Velero backups.</summary>
public sealed record BackupLocationAnnotation : IResourceAnnotation
{
    /// <summary>The bucket.</summary>
    public required string Bucket { get; init; }

    /// <summary>The S3 endpoint (MinIO, Ceph RGW, or AWS).</summary>
    public required Uri S3Url { get; init; }

    /// <summary>The region.</summary>
    public string Region { get; init; } = "us-east-1";
}
