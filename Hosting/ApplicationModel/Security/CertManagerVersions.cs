namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned cert-manager release.</summary>
public static class CertManagerVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://charts.jetstack.io", "cert-manager", "v1.15.1");
}
