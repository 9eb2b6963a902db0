namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned kube-prometheus-stack release (Prometheus operator, Prometheus, Alertmanager, Grafana).</summary>
public static class PrometheusStackVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack", "61.3.2");
}
