using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Hosting.Publishing;

namespace Platform.Testing;

/// <summary>
/// The PromQL queries of the rendered Grafana dashboards, each classified: over metrics the lab's machines export
/// (node, etcd, HAProxy), or needing Kubernetes.
/// </summary>
public static partial class DashboardQueries
{
    /// <summary>A query's class when every metric it reads comes from the machines (node_exporter, etcd, HAProxy).</summary>
    public const string Host = "host";

    /// <summary>A query's class when one of its metrics only a running Kubernetes exports.</summary>
    public const string Kubernetes = "kubernetes";

    /// <summary>Metric prefixes the machines lab exports: node_exporter, etcd, HAProxy's Prometheus endpoint.</summary>
    private static readonly string[] HostMetrics = ["node_", "etcd_", "haproxy_"];

    /// <summary>Metric prefixes only a running Kubernetes exports (API server, scheduler, controllers, ingress).</summary>
    private static readonly string[] KubernetesMetrics = ["apiserver_", "scheduler_", "workqueue_", "kube_", "kubelet_", "container_", "nginx_ingress_", "traefik_", "coredns_"];

    private static readonly HashSet<string> PromQlWords = ["histogram_quantile", "label_replace", "label_join", "group_left", "group_right", "count_values", "quantile_over_time", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time"];

    /// <summary>Every panel query of the dashboards among <paramref name="artifacts"/>: the dashboard's name and the expression.</summary>
    public static List<(string Dashboard, string Expr)> Of(IEnumerable<Artifact> artifacts)
        => [.. artifacts.Where(a => a.Path.StartsWith("cluster/monitoring/dashboards/", StringComparison.Ordinal) && a.Path.EndsWith(".json", StringComparison.Ordinal))
            .SelectMany(a =>
            {
                using var json = JsonDocument.Parse(a.Content);
                return json.RootElement.GetProperty("panels").EnumerateArray()
                    .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (Path.GetFileNameWithoutExtension(a.Path), t.GetProperty("expr").GetString()!)))
                    .ToList();
            })];

    /// <summary><see cref="Host"/> when every metric is exported by the lab's machines, <see cref="Kubernetes"/> when one needs a cluster, else null.</summary>
    public static string? Classify(string expr)
    {
        var known = HostMetrics.Concat(KubernetesMetrics).ToList();
        var metrics = MetricName().Matches(LabelMatchers().Replace(expr, "")).Select(m => m.Value)
            .Where(n => known.Any(p => n.StartsWith(p, StringComparison.Ordinal)) || n.Contains('_', StringComparison.Ordinal) && !PromQlWords.Contains(n)).ToList();
        if (metrics.Count == 0 || metrics.Any(n => !known.Any(p => n.StartsWith(p, StringComparison.Ordinal))))
        {
            return null;
        }

        return metrics.Any(n => KubernetesMetrics.Any(p => n.StartsWith(p, StringComparison.Ordinal))) ? Kubernetes : Host;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();
}
