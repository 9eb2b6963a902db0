namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Flannel release.</summary>
public static class FlannelVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://flannel-io.github.io/flannel/", "flannel", "v0.25.5");
}
