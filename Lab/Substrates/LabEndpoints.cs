namespace Platform.Lab.Substrates;

/// <summary>
/// The NodePorts the fast lab gives the UIs that production reaches through ingress or port-forwarding.
/// The ingress controller keeps the model's own NodePorts.
/// </summary>
public static class LabEndpoints
{
    /// <summary>Grafana's NodePort.</summary>
    public const int GrafanaNodePort = 30300;

    /// <summary>Prometheus's NodePort (kube-prometheus-stack's default when the service is a NodePort).</summary>
    public const int PrometheusNodePort = 30090;

    /// <summary>Kibana's NodePort.</summary>
    public const int KibanaNodePort = 30601;

    /// <summary>The port Kibana serves on (HTTPS with ECK's self-signed certificate).</summary>
    public const int KibanaPort = 5601;
}
