namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Fluent Bit release.</summary>
public static class FluentBitVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://fluent.github.io/helm-charts", "fluent-bit", "0.47.5");
}
