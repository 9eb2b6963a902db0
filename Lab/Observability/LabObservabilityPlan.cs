using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab.Machines;
using Platform.Lab.Monitoring;

namespace Platform.Lab.Observability;

/// <summary>
/// Grafana, Elasticsearch and Kibana of the machines lab as containers next to the monitoring machine, and Fluent Bit
/// beside every machine (as production's DaemonSet runs one per node), provisioned from the model: Grafana with the
/// lab's Prometheus as its datasource and the dashboards publish renders; Elasticsearch with the log index template;
/// Kibana on it; Fluent Bit shipping its machine's journal of the platform's units into the indices production's
/// Fluent Bit writes (<c>platform-*</c>).
/// Lab departures: one Elasticsearch node without TLS or users (production: ECK, 3 nodes, TLS).
/// </summary>
public static class LabObservabilityPlan
{
    /// <summary>Grafana's port.</summary>
    public const int GrafanaPort = 3000;

    /// <summary>Elasticsearch's HTTP port.</summary>
    public const int ElasticsearchPort = 9200;

    /// <summary>Kibana's port.</summary>
    public const int KibanaPort = 5601;

    /// <summary>Fluent Bit's HTTP server (health and metrics).</summary>
    public const int FluentBitPort = 2020;

    /// <summary>Grafana's datasource uid: the one every rendered panel names.</summary>
    public const string DatasourceUid = "prometheus";

    /// <summary>The index template the lab puts into Elasticsearch.</summary>
    public const string IndexTemplateName = "platform-logs";

    /// <summary>Where Grafana reads the provisioned dashboards.</summary>
    private const string DashboardsDirectory = "/etc/grafana/dashboards/platform";

    /// <summary>
    /// The services the model calls for, with the resource each belongs to: Grafana, Elasticsearch and Kibana on the
    /// monitoring machine's subnet (host numbers 201 to 203), a Fluent Bit beside each machine.
    /// </summary>
    public static IReadOnlyList<(string Resource, LabServiceContainer Service)> Create(PlatformModel model, LabMonitoring monitoring, string grafanaPassword)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(monitoring);
        var subnet = model.OfType<SubnetResource>().Single(s => s.Name == monitoring.Machine.Subnet);
        var services = new List<(string, LabServiceContainer)>();
        LabServiceContainer Service(IResource resource, string image, int hostNumber, int port, string healthPath) => new()
        {
            Name = resource.Name,
            Image = image,
            Subnet = subnet.Name,
            Address = PlatformTopology.HostAddress(subnet.Cidr, LabMonitoring.HostNumber + hostNumber),
            Port = port,
            HealthPath = healthPath,
        };

        if (model.Find<GrafanaResource>() is { } grafana)
        {
            services.Add((grafana.Name, Service(grafana, LabObservabilityImages.Grafana, 1, GrafanaPort, "api/health") with
            {
                Environment = new Dictionary<string, string> { ["GF_SECURITY_ADMIN_PASSWORD"] = grafanaPassword, ["GF_AUTH_ANONYMOUS_ENABLED"] = "true", ["GF_AUTH_ANONYMOUS_ORG_ROLE"] = "Viewer" },
                Files = GrafanaFiles(model, monitoring),
            }));
        }

        if (model.Find<ElasticsearchResource>() is not { } elasticsearch)
        {
            return services;
        }

        var es = Service(elasticsearch, LabObservabilityImages.Elasticsearch, 2, ElasticsearchPort, "_cluster/health") with
        {
            Environment = new Dictionary<string, string>
            {
                ["discovery.type"] = "single-node",
                ["xpack.security.enabled"] = "false",
                ["cluster.routing.allocation.disk.threshold_enabled"] = "false",
                ["ES_JAVA_OPTS"] = "-Xms512m -Xmx512m",
            },
        };
        services.Add((elasticsearch.Name, es));
        if (model.Find<KibanaResource>() is { } kibana)
        {
            services.Add((kibana.Name, Service(kibana, LabObservabilityImages.Kibana, 3, KibanaPort, "api/status") with
            {
                Environment = new Dictionary<string, string> { ["ELASTICSEARCH_HOSTS"] = $"http://{es.Address}:{ElasticsearchPort}" },
            }));
        }

        if (model.Find<FluentBitResource>() is { } fluentBit)
        {
            foreach (var machine in model.PlanTopology().Machines)
            {
                services.Add((fluentBit.Name, new LabServiceContainer
                {
                    Name = $"{fluentBit.Name}-{machine.Name}",
                    Image = LabObservabilityImages.FluentBit,
                    Beside = machine.Name,
                    Subnet = machine.Subnet,
                    Address = machine.Address,
                    Port = FluentBitPort,
                    HealthPath = "api/v1/health",
                    Files = new Dictionary<string, string> { ["/fluent-bit/etc/fluent-bit.conf"] = FluentBitConfig(es, machine.Name) },
                }));
            }
        }

        return services;
    }

    /// <summary>The log index template: the indices production's Fluent Bit writes, one shard, no replica on the lab's one node.</summary>
    public static string IndexTemplate() => JsonSerializer.Serialize(new
    {
        index_patterns = new[] { $"{FluentBitRenderer.IndexPrefix}-*" },
        priority = 100,
        template = new
        {
            settings = new { number_of_shards = 1, number_of_replicas = 0 },
            mappings = new
            {
                properties = new Dictionary<string, object>
                {
                    ["@timestamp"] = new { type = "date" },
                    ["machine"] = new { type = "keyword" },
                    ["_SYSTEMD_UNIT"] = new { type = "keyword" },
                    ["MESSAGE"] = new { type = "text" },
                },
            },
        },
    });

    private static Dictionary<string, string> GrafanaFiles(PlatformModel model, LabMonitoring monitoring)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/etc/grafana/provisioning/datasources/platform.yaml"] = $"""
                # The lab's Prometheus (LabObservabilityPlan); the uid is the one every dashboard panel names.
                apiVersion: 1
                datasources:
                  - name: Prometheus
                    uid: {DatasourceUid}
                    type: prometheus
                    access: proxy
                    url: {monitoring.PrometheusUrl.ToString().TrimEnd('/')}
                    isDefault: true

                """,
            ["/etc/grafana/provisioning/dashboards/platform.yaml"] = $"""
                # The dashboards publish renders (cluster/monitoring/dashboards/*.json).
                apiVersion: 1
                providers:
                  - name: platform
                    folder: Platform
                    type: file
                    allowUiUpdates: false
                    options:
                      path: {DashboardsDirectory}

                """,
        };
        foreach (var dashboard in ArtifactRenderers.RenderAll(RenderContext.ForPublish(model)).Where(a => a.Path.StartsWith("cluster/monitoring/dashboards/", StringComparison.Ordinal) && a.Path.EndsWith(".json", StringComparison.Ordinal)))
        {
            files[$"{DashboardsDirectory}/{Path.GetFileName(dashboard.Path)}"] = dashboard.Content;
        }

        return files;
    }

    /// <summary>
    /// The machine's journal (its systemd, PID 1 of the processes Fluent Bit shares, keeps it in its own /var/log/journal),
    /// the platform's units only, to Elasticsearch.
    /// </summary>
    private static string FluentBitConfig(LabServiceContainer elasticsearch, string machine)
    {
        var config = new StringBuilder($"""
            # The lab's Fluent Bit (LabObservabilityPlan): every machine's journal of the platform's units to Elasticsearch.
            [SERVICE]
                Flush         1
                HTTP_Server   On
                HTTP_Listen   0.0.0.0
                HTTP_Port     {FluentBitPort}
                Health_Check  On

            """);
        config.Append($"""

            [INPUT]
                Name            systemd
                Tag             host.{machine}
                Path            /proc/1/root/var/log/journal
            {string.Concat(MachineJournals.Units.Select(u => $"    Systemd_Filter  _SYSTEMD_UNIT={u}\n"))}
            [FILTER]
                Name            record_modifier
                Match           host.{machine}
                Record          machine {machine}

            """);

        config.Append($"""

            [OUTPUT]
                Name                es
                Match               *
                Host                {elasticsearch.Address}
                Port                {ElasticsearchPort}
                Logstash_Format     On
                Logstash_Prefix     {FluentBitRenderer.IndexPrefix}
                Suppress_Type_Name  On
                Replace_Dots        On
                Retry_Limit         10

            """);
        return config.ToString();
    }
}
