namespace Aspire.Hosting.ApplicationModel;

/// <summary>A pinned Helm chart an add-on is installed from, through the Helm controller.</summary>
public sealed record HelmChartAnnotation : IResourceAnnotation
{
    /// <summary>The chart repository URL.</summary>
    public required string Repository { get; init; }

    /// <summary>The chart name in that repository.</summary>
    public required string Chart { get; init; }

    /// <summary>The pinned chart version.</summary>
    public required string Version { get; init; }

    /// <summary>The namespace the release is installed into.</summary>
    public required string Namespace { get; init; }

    /// <summary>The Helm release name; the HelmChart object's name.</summary>
    public required string ReleaseName { get; init; }
}
