namespace Platform.Hosting.Publishing.Models.Monitoring;

/// <summary>monitoring.coreos.com/v1 PrometheusRule: the rule file as an object the Prometheus operator loads.</summary>
public sealed class PrometheusRule() : CustomResource<RuleFile>("monitoring.coreos.com/v1", "PrometheusRule")
{
    /// <summary>The CRD that serves it (installed by kube-prometheus-stack).</summary>
    public const string CrdName = "prometheusrules.monitoring.coreos.com";
}
