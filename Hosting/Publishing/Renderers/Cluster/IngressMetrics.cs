using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>The PromQL over the ingress controller's own metrics, for the dashboard and the alert: Traefik's or ingress-nginx's.</summary>
/// <param name="Label">The label that names a route's backend.</param>
/// <param name="StatusLabel">The label that carries the HTTP status code.</param>
/// <param name="RequestsByStatus">Request rate by <paramref name="StatusLabel"/>.</param>
/// <param name="LatencyP95">95th percentile latency by <paramref name="Label"/>.</param>
/// <param name="ErrorRatioAbove5Percent">True while more than 5% of a backend's requests answer 5xx.</param>
public sealed record IngressMetrics(string Label, string StatusLabel, string RequestsByStatus, string LatencyP95, string ErrorRatioAbove5Percent)
{
    /// <summary>Traefik's service metrics.</summary>
    public static IngressMetrics Traefik { get; } = new("service", "code",
        "sum by (code) (rate(traefik_service_requests_total[5m]))",
        "histogram_quantile(0.95, sum by (le, service) (rate(traefik_service_request_duration_seconds_bucket[5m])))",
        "sum by (service) (rate(traefik_service_requests_total{code=~\"5..\"}[5m])) / sum by (service) (rate(traefik_service_requests_total[5m])) > 0.05");

    /// <summary>ingress-nginx's controller metrics.</summary>
    public static IngressMetrics Nginx { get; } = new("ingress", "status",
        "sum by (status) (rate(nginx_ingress_controller_requests[5m]))",
        "histogram_quantile(0.95, sum by (le, ingress) (rate(nginx_ingress_controller_request_duration_seconds_bucket[5m])))",
        "sum by (ingress) (rate(nginx_ingress_controller_requests{status=~\"5..\"}[5m])) / sum by (ingress) (rate(nginx_ingress_controller_requests[5m])) > 0.05");

    /// <summary>The metrics of the model's ingress controller, or null when it has none.</summary>
    public static IngressMetrics? Of(PlatformModel model) => model.Find<IngressControllerResource>() switch
    {
        TraefikResource => Traefik,
        IngressNginxResource => Nginx,
        _ => null,
    };
}
