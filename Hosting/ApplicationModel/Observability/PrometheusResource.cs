namespace Aspire.Hosting.ApplicationModel;

/// <summary>Prometheus and Alertmanager through kube-prometheus-stack, with Platform's alert rules (layer 8).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class PrometheusResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Observability;

    /// <summary>Retention and volume size.</summary>
    public MetricsRetentionAnnotation Retention => this.TryGetLastAnnotation<MetricsRetentionAnnotation>(out var r) ? r : MetricsRetentionAnnotation.Default;

    /// <summary>The namespace of the monitoring stack.</summary>
    public const string Namespace = "monitoring";
}
