namespace Aspire.Hosting.ApplicationModel;

/// <summary>Fluent Bit on every node shipping container, journal (kubelet, containerd, etcd) and audit logs to Elasticsearch (layer 8).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The Elasticsearch it ships to.</param>
public sealed class FluentBitResource(string name, ElasticsearchResource parent) : AddOnResource(name, parent.Parent)
{
    /// <summary>The destination.</summary>
    public ElasticsearchResource Elasticsearch { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Observability;
}
