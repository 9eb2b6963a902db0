using System.Globalization;
using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 8: kube-prometheus-stack. node_exporter runs on every machine's host (load balancers included),
/// so the chart's own DaemonSet is off and Prometheus scrapes the hosts, etcd, the control plane and HAProxy directly.
/// </summary>
public sealed class PrometheusRenderer : IArtifactRenderer
{
    /// <summary>The Secret with Grafana's admin credentials, created by the Deployer (never in chart values).</summary>
    public const string GrafanaAdminSecret = "grafana-admin";

    /// <summary>
    /// The monitoring Namespace and the <see cref="GrafanaAdminSecret"/> Secret holding <paramref name="password"/>.
    /// It carries a real secret, so only the Deployer and the lab build it, where they apply it; publish never does.
    /// </summary>
    public static Artifact GrafanaAdminSecretArtifact(string password)
    {
        var ns = new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = PrometheusResource.Namespace } };
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta { Name = GrafanaAdminSecret, NamespaceProperty = PrometheusResource.Namespace },
            StringData = new Dictionary<string, string> { ["admin-user"] = "admin", ["admin-password"] = password },
        };
        return Artifact.ForCluster(PlatformLayer.Observability, Components.Grafana, "secrets/grafana-admin.yaml", KubernetesYaml.SerializeAll([ns, secret]));
    }

    /// <summary>The job kube-prometheus-stack gives etcd's metrics (kubeEtcd); the etcd alert rules select it.</summary>
    public const string EtcdJob = "kube-etcd";

    /// <summary>
    /// The scrape jobs for what runs on the hosts rather than in the cluster: node_exporter on every machine (job
    /// <c>node</c>) and HAProxy's Prometheus endpoint on each load balancer (job <c>haproxy</c>), each target labelled
    /// with its machine. Production adds them to kube-prometheus-stack; the machines lab's Prometheus scrapes the same.
    /// </summary>
    public static List<Dictionary<string, object>> HostScrapeConfigs(RenderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Prometheus's own keys are snake_case: dictionaries keep them as written.
        var scrape = new List<Dictionary<string, object>>
        {
            new()
            {
                ["job_name"] = "node",
                ["static_configs"] = context.Topology.Machines.Select(m => new Dictionary<string, object>
                {
                    ["targets"] = new[] { $"{m.Address}:{NodeExporterVersions.Port}" },
                    ["labels"] = new Dictionary<string, string> { ["machine"] = m.Name, ["role"] = m.Role.ToName() },
                }).ToArray(),
            },
        };
        if (context.Topology.LoadBalancers.Any())
        {
            scrape.Add(new()
            {
                ["job_name"] = "haproxy",
                ["metrics_path"] = "/metrics",
                ["static_configs"] = context.Topology.LoadBalancers.Select(m => new Dictionary<string, object>
                {
                    ["targets"] = new[] { $"{m.Address}:{ApiLoadBalancerResource.MetricsPort}" },
                    ["labels"] = new Dictionary<string, string> { ["machine"] = m.Name },
                }).ToArray(),
            });
        }

        return scrape;
    }

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<PrometheusResource>() is not { } prometheus)
        {
            yield break;
        }

        var controlPlanes = context.Topology.ControlPlanes.Select(m => m.Address.ToString()).ToArray();
        var retention = prometheus.Retention;
        var storageClass = HelmCharts.DefaultStorageClass(context.Model);
        var scrape = HostScrapeConfigs(context);
        var values = new
        {
            grafana = new
            {
                enabled = context.Model.Find<GrafanaResource>() is not null,
                admin = new { existingSecret = GrafanaAdminSecret, userKey = "admin-user", passwordKey = "admin-password" },
                sidecar = new { dashboards = new { enabled = true, label = "grafana_dashboard", labelValue = "1", searchNamespace = "ALL" } },
                persistence = new { enabled = storageClass is not null, storageClassName = storageClass, size = "10Gi" },
            },
            nodeExporter = new { enabled = false },
            kubeEtcd = new { enabled = true, endpoints = controlPlanes, service = new { enabled = true, port = EtcdClusterResource.MetricsPort, targetPort = EtcdClusterResource.MetricsPort } },
            // Bound to 127.0.0.1 on the control planes (CIS), so not scrapable; their alerts would only say "down".
            kubeControllerManager = new { enabled = false },
            kubeScheduler = new { enabled = false },
            kubeProxy = new { enabled = false },
            alertmanager = new { alertmanagerSpec = new { storage = storageClass is null ? null : VolumeClaim(storageClass, "5Gi") } },
            prometheus = new
            {
                prometheusSpec = new
                {
                    retention = $"{retention.Retention.TotalDays.ToString(CultureInfo.InvariantCulture)}d",
                    ruleSelectorNilUsesHelmValues = false,
                    serviceMonitorSelectorNilUsesHelmValues = false,
                    podMonitorSelectorNilUsesHelmValues = false,
                    storageSpec = storageClass is null ? null : VolumeClaim(storageClass, $"{retention.VolumeSizeGiB}Gi"),
                    additionalScrapeConfigs = scrape,
                },
            },
        };
        yield return Artifact.ForCluster(PlatformLayer.Observability, Components.Prometheus, "addons/kube-prometheus-stack.yaml",
            HelmCharts.Yaml("Prometheus, Alertmanager and Grafana; node_exporter, etcd and HAProxy are scraped on the hosts.", HelmCharts.For(prometheus, values)));
    }

    private static object VolumeClaim(string storageClass, string size) => new
    {
        volumeClaimTemplate = new { spec = new { storageClassName = storageClass, accessModes = new[] { "ReadWriteOnce" }, resources = new { requests = new { storage = size } } } },
    };
}
