using System.Text.Json;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

/// <summary>
/// Every PromQL query of the rendered Grafana dashboards parses (promtool, as recording rules), and each is
/// classified: over metrics the lab's machines export (node, etcd, HAProxy), or needing Kubernetes.
/// </summary>
public sealed class DashboardQueriesTests
{
    private static readonly RenderedArtifacts Production = RenderedArtifacts.Of(TestModels.Production());

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
        var classified = Queries().Select(q => (q.Dashboard, q.Expr, Class: DashboardQueries.Classify(q.Expr))).ToList();

        Assert.All(classified, q => Assert.True(q.Class is not null, $"{q.Dashboard}: '{q.Expr}' uses no known metric prefix; add its prefix to DashboardQueries (TestSupport)."));
        Assert.Equal(11, classified.Count(q => q.Class == DashboardQueries.Host));
        Assert.Equal(6, classified.Count(q => q.Class == DashboardQueries.Kubernetes));
        Assert.All(classified.Where(q => q.Dashboard is "platform-nodes" or "platform-etcd"), q => Assert.Equal(DashboardQueries.Host, q.Class));
    }

    private static List<(string Dashboard, string Expr)> Queries() => DashboardQueries.Of(Production.All);

    /// <summary>promtool check rules on the queries written as recording rules, the only way promtool parses a bare expression.</summary>
    private static async Task<ProcessRunner.Result> CheckAsync(IEnumerable<string> queries)
    {
        using var dir = new TempFolder();
        var rules = "groups:\n  - name: dashboards\n    rules:\n" + string.Concat(queries.Select((q, i) =>
            $"      - record: dashboard:q{i}\n        expr: {JsonSerializer.Serialize(q)}\n"));
        File.WriteAllText(dir.Combine("dashboards.rules.yaml"), rules);
        return await ProcessRunner.RunAsync(RequiredTools.Require("promtool"), ["check", "rules", dir.Combine("dashboards.rules.yaml")]);
    }
}
