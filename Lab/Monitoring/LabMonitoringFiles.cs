using k8s;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.Monitoring;
using Platform.Hosting.Publishing.Renderers.Cluster;

namespace Platform.Lab.Monitoring;

/// <summary>
/// The monitoring machine's files, from the model: Prometheus scraping what production's scrapes on the hosts (every
/// node_exporter, every etcd member's metrics, HAProxy on each load balancer) plus itself and Alertmanager, loading the
/// rule files publish renders with only <see cref="LabAlertTiming"/> applied, and sending alerts to Alertmanager.
/// </summary>
public static class LabMonitoringFiles
{
    /// <summary>Where Prometheus's configuration is, on the monitoring machine (Debian's package).</summary>
    public const string PrometheusConfig = "/etc/prometheus/prometheus.yml";

    /// <summary>The folder of the rule files; prometheus.yml names them relative to its own folder.</summary>
    public const string RulesDirectory = "/etc/prometheus/rules";

    /// <summary>Alertmanager's configuration (Debian's package).</summary>
    public const string AlertmanagerConfig = "/etc/prometheus/alertmanager.yml";

    /// <summary>The path prefix of the rule files among publish's artifacts.</summary>
    public const string PublishedRulesPrefix = "cluster/monitoring/rules/";

    /// <summary>Every file by its path on the monitoring machine.</summary>
    public static IReadOnlyDictionary<string, string> Render(PlatformModel model, LabAlertTiming timing)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(timing);
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PrometheusConfig] = Prometheus(RenderContext.ForPublish(model), timing),
            [AlertmanagerConfig] = Alertmanager(timing),
            // Alertmanager alone: no peers to gossip with, so no cluster listener either.
            ["/etc/default/prometheus-alertmanager"] = "ARGS=\"--cluster.listen-address=\"\n",
            ["/etc/default/prometheus"] = "ARGS=\"--web.enable-lifecycle\"\n",
        };
        foreach (var (name, content) in Rules(model, timing))
        {
            files[$"{RulesDirectory}/{name}"] = content;
        }

        return files;
    }

    /// <summary>The rule files publish renders (file name → content), each alert's <c>for:</c> set to the lab's.</summary>
    public static IEnumerable<(string Name, string Content)> Rules(PlatformModel model, LabAlertTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        foreach (var artifact in new AlertRulesRenderer().Render(RenderContext.ForPublish(model)).Where(a => a.Path.StartsWith(PublishedRulesPrefix, StringComparison.Ordinal)))
        {
            var file = KubernetesYaml.Deserialize<RuleFile>(artifact.Content, strict: true);
            foreach (var rule in file.Groups.SelectMany(g => g.Rules))
            {
                rule.For = LabAlertTiming.Duration(timing.For);
            }

            yield return (artifact.Path[PublishedRulesPrefix.Length..], $"# Rendered by publish ({artifact.Path}); lab timing: for {LabAlertTiming.Duration(timing.For)} (LabAlertTiming).\n" + KubernetesYaml.Serialize(file));
        }
    }

    private static string Prometheus(RenderContext context, LabAlertTiming timing)
    {
        var scrape = PrometheusRenderer.HostScrapeConfigs(context);
        if (context.Model.Find<EtcdClusterResource>() is not null)
        {
            // Production's kube-prometheus-stack scrapes the same endpoints through its kubeEtcd service.
            scrape.Add(StaticJob(PrometheusRenderer.EtcdJob, context.Topology.ControlPlanes.Select(m => ($"{m.Address}:{EtcdClusterResource.MetricsPort}", m.Name))));
        }

        scrape.Add(StaticJob("prometheus", [($"localhost:{LabMonitoring.PrometheusPort}", LabMonitoring.MachineName)]));
        scrape.Add(StaticJob("alertmanager", [($"localhost:{LabMonitoring.AlertmanagerPort}", LabMonitoring.MachineName)]));
        var interval = LabAlertTiming.Duration(timing.ScrapeInterval);
        var config = new Dictionary<string, object>
        {
            ["global"] = new Dictionary<string, object>
            {
                ["scrape_interval"] = interval,
                ["scrape_timeout"] = interval,
                ["evaluation_interval"] = LabAlertTiming.Duration(timing.EvaluationInterval),
                ["external_labels"] = new Dictionary<string, string> { ["lab"] = "machines" },
            },
            ["rule_files"] = new[] { "rules/*.rules.yaml" },
            ["alerting"] = new Dictionary<string, object>
            {
                ["alertmanagers"] = new[] { new Dictionary<string, object> { ["static_configs"] = new[] { new Dictionary<string, object> { ["targets"] = new[] { $"localhost:{LabMonitoring.AlertmanagerPort}" } } } } },
            },
            ["scrape_configs"] = scrape,
        };
        return "# The machines lab's Prometheus, rendered from the model (LabMonitoringFiles).\n" + KubernetesYaml.Serialize(config);
    }

    private static Dictionary<string, object> StaticJob(string job, IEnumerable<(string Target, string Machine)> targets) => new()
    {
        ["job_name"] = job,
        ["static_configs"] = targets.Select(t => new Dictionary<string, object>
        {
            ["targets"] = new[] { t.Target },
            ["labels"] = new Dictionary<string, string> { ["machine"] = t.Machine },
        }).ToArray(),
    };

    /// <summary>One receiver with no integrations: alerts are seen in Alertmanager (UI and API), and go nowhere else from a lab.</summary>
    private static string Alertmanager(LabAlertTiming timing)
    {
        var wait = LabAlertTiming.Duration(timing.GroupWait);
        return $"""
            # The machines lab's Alertmanager (LabMonitoringFiles): alerts are kept and shown, sent nowhere.
            route:
              receiver: lab
              group_by: [alertname, machine]
              group_wait: {wait}
              group_interval: {wait}
              repeat_interval: 1h
            receivers:
              - name: lab

            """;
    }
}
