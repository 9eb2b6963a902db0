namespace Aspire.Hosting.ApplicationModel;

/// <summary>One pinned chart: where it lives and which version. Each component's <c>XxxVersions</c> class holds one.</summary>
/// <param name="Repository">The chart repository URL.</param>
/// <param name="Chart">The chart name.</param>
/// <param name="Version">The chart version.</param>
public sealed record ChartVersion(string Repository, string Chart, string Version)
{
    /// <summary>The annotation that installs this chart as <paramref name="releaseName"/> into <paramref name="ns"/>.</summary>
    public HelmChartAnnotation ToAnnotation(string releaseName, string ns) => new()
    {
        Repository = Repository,
        Chart = Chart,
        Version = Version,
        Namespace = ns,
        ReleaseName = releaseName,
    };
}
