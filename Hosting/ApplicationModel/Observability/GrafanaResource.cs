namespace Aspire.Hosting.ApplicationModel;

/// <summary>Grafana with dashboards for nodes, control plane, etcd and ingress (layer 8).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The Prometheus it reads from; both ship in one kube-prometheus-stack release.</param>
public sealed class GrafanaResource(string name, PrometheusResource parent) : PlatformResource(name), IResourceWithParent<PrometheusResource>
{
    /// <inheritdoc />
    public PrometheusResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Observability;
}
