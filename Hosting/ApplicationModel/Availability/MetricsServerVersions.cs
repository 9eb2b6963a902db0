namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned metrics-server release.</summary>
public static class MetricsServerVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.12.1");
}
