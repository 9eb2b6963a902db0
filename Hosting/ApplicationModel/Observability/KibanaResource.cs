namespace Aspire.Hosting.ApplicationModel;

/// <summary>Kibana on top of Elasticsearch (layer 8).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The Elasticsearch it reads.</param>
public sealed class KibanaResource(string name, ElasticsearchResource parent) : PlatformResource(name), IResourceWithParent<ElasticsearchResource>
{
    /// <inheritdoc />
    public ElasticsearchResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Observability;
}
