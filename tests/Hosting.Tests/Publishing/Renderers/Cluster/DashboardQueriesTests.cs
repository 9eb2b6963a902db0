using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

/// <summary>
/// Every PromQL query of the rendered Grafana dashboards parses (promtool, as recording rules), and each is
/// classified: over metrics the lab's machines export (node, etcd, HAProxy), or needing Kubernetes.
/// </summary>
public sealed partial class DashboardQueriesTests
{
    private static readonly RenderedArtifacts Production = RenderedArtifacts.Of(TestModels.Production());

    /// <summary>Metric prefixes the machines lab exports: node_exporter, etcd, HAProxy's Prometheus endpoint.</summary>
    private static readonly string[] HostMetrics = ["node_", "etcd_", "haproxy_"];

    /// <summary>Metric prefixes only a running Kubernetes exports (API server, scheduler, controllers, ingress).</summary>
    private static readonly string[] KubernetesMetrics = ["apiserver_", "scheduler_", "workqueue_", "kube_", "kubelet_", "container_", "nginx_ingress_", "traefik_", "coredns_"];

    [RequiresToolFact("promtool")]
    public async Task EveryDashboardQuery_ParsesWithPromtool()
    {
        var queries = Queries();

        var result = await CheckAsync(queries.Select(q => q.Expr));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(17, queries.Count);
    }

    [RequiresToolFact("promtool")]
    public async Task AQueryWithATypo_FailsTheCheck()
    {
        var result = await CheckAsync(["sum by (code) (rate(apiserver_request_total[5m])"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("dashboard:q0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDashboardQuery_IsClassifiedAsHostMetricsOrNeedingKubernetes()
    {
        var classified = Queries().Select(q => (q.Dashboard, q.Expr, Class: Classify(q.Expr))).ToList();

        Assert.All(classified, q => Assert.True(q.Class is not null, $"{q.Dashboard}: '{q.Expr}' uses no known metric prefix; add it to HostMetrics or KubernetesMetrics."));
        Assert.Equal(11, classified.Count(q => q.Class == "host"));
        Assert.Equal(6, classified.Count(q => q.Class == "kubernetes"));
        Assert.All(classified.Where(q => q.Dashboard is "platform-nodes" or "platform-etcd"), q => Assert.Equal("host", q.Class));
    }

    /// <summary>"host" when every metric is exported by the lab's machines, "kubernetes" when one needs a cluster, else null.</summary>
    public static string? Classify(string expr)
    {
        var metrics = MetricName().Matches(LabelMatchers().Replace(expr, "")).Select(m => m.Value)
            .Where(n => HostMetrics.Concat(KubernetesMetrics).Any(p => n.StartsWith(p, StringComparison.Ordinal)) || n.Contains('_', StringComparison.Ordinal) && !PromQlWords.Contains(n)).ToList();
        if (metrics.Count == 0 || metrics.Any(n => !HostMetrics.Concat(KubernetesMetrics).Any(p => n.StartsWith(p, StringComparison.Ordinal))))
        {
            return null;
        }

        return metrics.Any(n => KubernetesMetrics.Any(p => n.StartsWith(p, StringComparison.Ordinal))) ? "kubernetes" : "host";
    }

    private static readonly HashSet<string> PromQlWords = ["histogram_quantile", "label_replace", "label_join", "group_left", "group_right", "count_values", "quantile_over_time", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time"];

    private static List<(string Dashboard, string Expr)> Queries()
        => [.. Production.All.Where(a => a.Path.StartsWith("cluster/monitoring/dashboards/", StringComparison.Ordinal) && a.Path.EndsWith(".json", StringComparison.Ordinal))
            .SelectMany(a =>
            {
                using var json = JsonDocument.Parse(a.Content);
                return json.RootElement.GetProperty("panels").EnumerateArray()
                    .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (Path.GetFileNameWithoutExtension(a.Path), t.GetProperty("expr").GetString()!)))
                    .ToList();
            })];

    /// <summary>promtool check rules on the queries written as recording rules, the only way promtool parses a bare expression.</summary>
    private static async Task<ProcessRunner.Result> CheckAsync(IEnumerable<string> queries)
    {
        using var dir = new TempFolder();
        var rules = "groups:\n  - name: dashboards\n    rules:\n" + string.Concat(queries.Select((q, i) =>
            $"      - record: dashboard:q{i}\n        expr: {JsonSerializer.Serialize(q)}\n"));
        File.WriteAllText(dir.Combine("dashboards.rules.yaml"), rules);
        return await ProcessRunner.RunAsync(RequiredTools.Require("promtool"), ["check", "rules", dir.Combine("dashboards.rules.yaml")]);
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();
}
