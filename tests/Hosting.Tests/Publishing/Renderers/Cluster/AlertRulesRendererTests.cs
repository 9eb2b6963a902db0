using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Hosting.Publishing;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

/// <summary>The alert rules are checked and unit-tested by the real promtool.</summary>
public partial class AlertRulesRendererTests
{
    private static readonly RenderedArtifacts Production = RenderedArtifacts.Of(TestModels.Production());

    [RequiresToolFact("promtool")]
    public async Task Render_EveryRuleFile_PromtoolCheckRulesAccepts()
    {
        using var dir = new TempFolder();
        var files = Production.All.Where(a => a.Path.StartsWith("cluster/monitoring/rules/", StringComparison.Ordinal)).Select(a => RenderedArtifacts.WriteTo(dir.Path, a, Path.GetFileName(a.Path))).ToList();

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("promtool"), ["check", "rules", .. files]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(6, files.Count);
        Assert.Equal(files.Count, result.Output.Split('\n').Count(l => l.Contains("SUCCESS", StringComparison.Ordinal)));
    }

    [RequiresToolFact("promtool")]
    public async Task Rules_PromtoolUnitTests_EveryShippedAlertFiresOnItsSeriesWithItsLabelsAndAnnotations()
    {
        using var dir = new TempFolder();
        foreach (var a in RuleFiles())
        {
            RenderedArtifacts.WriteTo(dir.Path, a, Path.GetFileName(a.Path));
        }

        File.Copy(TestsFile, dir.Combine(Path.GetFileName(TestsFile)));

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("promtool"), ["test", "rules", Path.GetFileName(TestsFile)], workingDirectory: dir.Path);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_EveryShippedAlert_HasAPromtoolTestThatExpectsItToFire()
    {
        var shipped = RuleFiles().SelectMany(a => AlertName().Matches(a.Content)).Select(m => m.Groups[1].Value).ToHashSet();
        var tests = File.ReadAllText(TestsFile);
        // An alertname whose test block expects at least one alert (exp_alerts with an entry).
        var firing = FiringTest().Matches(tests).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(16, shipped.Count);
        Assert.Empty(shipped.Except(firing));
        Assert.Empty(firing.Except(shipped));
    }

    private static string TestsFile => Path.Combine(RepositoryPaths.Root, "tests", "Hosting.Tests", "Publishing", "Renderers", "Cluster", "AlertRules", "platform-alerts.test.yaml");

    private static IEnumerable<Artifact> RuleFiles() => Production.All.Where(a => a.Path.StartsWith("cluster/monitoring/rules/", StringComparison.Ordinal));

    [GeneratedRegex(@"^\s*- alert: (\w+)", RegexOptions.Multiline)]
    private static partial Regex AlertName();

    [GeneratedRegex(@"alertname: (\w+)\s*\n\s*exp_alerts:\s*\n\s*- exp_labels")]
    private static partial Regex FiringTest();

    [Fact]
    public void Dashboards_FourValidJsonDashboardsEachWithPromqlPanelsAndAConfigMap()
    {
        var dashboards = Production.All.Where(a => a.Path.EndsWith(".json", StringComparison.Ordinal) && a.Path.Contains("/dashboards/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["platform-control-plane", "platform-etcd", "platform-ingress", "platform-nodes"], dashboards.Select(d => Path.GetFileNameWithoutExtension(d.Path)).Order());
        foreach (var dashboard in dashboards)
        {
            using var json = JsonDocument.Parse(dashboard.Content);
            var panels = json.RootElement.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            Assert.All(panels, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("targets")[0].GetProperty("expr").GetString())));
            Assert.Contains(Production.All, a => a.Path == dashboard.Path.Replace(".json", ".configmap.yaml", StringComparison.Ordinal));
        }
    }
}
