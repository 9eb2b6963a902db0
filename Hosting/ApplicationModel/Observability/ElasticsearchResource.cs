namespace Aspire.Hosting.ApplicationModel;

/// <summary>Elasticsearch, run by the ECK operator, storing node, pod, control-plane and audit logs (layer 8).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class ElasticsearchResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Observability;

    /// <summary>Node count and volume size.</summary>
    public ElasticsearchTopologyAnnotation Topology => this.TryGetLastAnnotation<ElasticsearchTopologyAnnotation>(out var t) ? t : ElasticsearchTopologyAnnotation.Default;

    /// <summary>The namespace of the logging stack.</summary>
    public const string Namespace = "logging";
}
