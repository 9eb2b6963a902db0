namespace Platform.Hosting.Publishing.Models.HelmController;

/// <summary>The chart, its pinned version and repository, and the values generated from the model.</summary>
public sealed class HelmChartSpec
{
    /// <summary>The chart name.</summary>
    public string Chart { get; set; } = "";

    /// <summary>The pinned chart version.</summary>
    public string? Version { get; set; }

    /// <summary>The chart repository URL.</summary>
    public string? Repo { get; set; }

    /// <summary>The namespace of the release.</summary>
    public string? TargetNamespace { get; set; }

    /// <summary>Create the target namespace when missing.</summary>
    public bool? CreateNamespace { get; set; }

    /// <summary>The values, as YAML.</summary>
    public string? ValuesContent { get; set; }

    /// <summary>Run the install job on the host network (needed for the CNI itself).</summary>
    public bool? Bootstrap { get; set; }

    /// <summary>The image of the helm install job.</summary>
    public string? JobImage { get; set; }

    /// <summary>How long a helm operation may take.</summary>
    public string? Timeout { get; set; }
}
