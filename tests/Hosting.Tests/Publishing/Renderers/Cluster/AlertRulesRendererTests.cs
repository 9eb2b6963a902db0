using System.Text.Json;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

/// <summary>The alert rules are checked and unit-tested by the real promtool.</summary>
public class AlertRulesRendererTests
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
    public async Task Rules_PromtoolUnitTests_NodeDownEtcdNoLeaderAndStaleSnapshotFire()
    {
        using var dir = new TempFolder();
        foreach (var a in Production.All.Where(a => a.Path.StartsWith("cluster/monitoring/rules/", StringComparison.Ordinal)))
        {
            RenderedArtifacts.WriteTo(dir.Path, a, Path.GetFileName(a.Path));
        }

        File.WriteAllText(dir.Combine("tests.yaml"), """
            rule_files:
              - platform-nodes.rules.yaml
              - platform-etcd.rules.yaml
              - platform-backup.rules.yaml
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'up{job="node", instance="10.20.2.11:9100", machine="worker-1"}'
                    values: '1 1 0 0 0 0 0 0 0'
                  - series: 'up{job="node", instance="10.20.2.12:9100", machine="worker-2"}'
                    values: '1 1 1 1 1 1 1 1 1'
                  - series: 'etcd_server_has_leader{instance="cp-2"}'
                    values: '1 0 0 0'
                  - series: 'platform_etcd_snapshot_last_success_timestamp_seconds{machine="cp-1"}'
                    values: '0x60'
                alert_rule_test:
                  - eval_time: 8m
                    alertname: NodeDown
                    exp_alerts:
                      - exp_labels: { severity: critical, job: node, instance: "10.20.2.11:9100", machine: worker-1 }
                        exp_annotations:
                          summary: "Machine worker-1 is down"
                          description: "node_exporter on 10.20.2.11:9100 has not answered for 5 minutes."
                  - eval_time: 3m
                    alertname: EtcdNoLeader
                    exp_alerts:
                      - exp_labels: { severity: critical, instance: cp-2 }
                        exp_annotations:
                          summary: "etcd member cp-2 has no leader"
                          description: "The member cannot serve requests until a leader is elected."
                  - eval_time: 30m
                    alertname: EtcdSnapshotTooOld
                    exp_alerts: []
            """);

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("promtool"), ["test", "rules", "tests.yaml"], workingDirectory: dir.Path);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

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
