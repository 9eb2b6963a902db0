namespace Platform.Lab.Substrates;

/// <summary>The values a <see cref="K3sHelmChartConfig"/> adds to its HelmChart's.</summary>
public sealed class K3sHelmChartConfigSpec
{
    /// <summary>The values, as YAML; merged over the HelmChart's valuesContent.</summary>
    public string? ValuesContent { get; set; }
}
