namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Velero release and its S3 plugin.</summary>
public static class VeleroVersions
{
    /// <summary>The chart (Velero v1.14.0).</summary>
    public static ChartVersion Chart { get; } = new("https://vmware-tanzu.github.io/helm-charts", "velero", "7.1.4");

    /// <summary>The object-store plugin for S3-compatible storage.</summary>
    public const string AwsPluginImage = "velero/velero-plugin-for-aws:v1.10.0";
}
