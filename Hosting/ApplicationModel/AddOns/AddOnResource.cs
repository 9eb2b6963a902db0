namespace Aspire.Hosting.ApplicationModel;

/// <summary>Base of everything installed into the cluster after it is up (CNI, ingress, storage, monitoring...).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster it is installed into.</param>
public abstract class AddOnResource(string name, KubernetesClusterResource parent) : PlatformResource(name), IResourceWithParent<KubernetesClusterResource>
{
    /// <inheritdoc />
    public KubernetesClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override string? DeployedFrom => Chart is { } chart ? $"chart {chart.Chart} {chart.Version}" : null;

    /// <summary>The Helm chart this add-on is installed from, if it is Helm-packaged.</summary>
    public HelmChartAnnotation? Chart => this.TryGetLastAnnotation<HelmChartAnnotation>(out var chart) ? chart : null;
}
