using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 8: Grafana dashboards for nodes, the control plane, etcd and ingress, as JSON and as ConfigMaps Grafana's sidecar loads.</summary>
public sealed class GrafanaRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<GrafanaResource>() is null)
        {
            yield break;
        }

        foreach (var dashboard in Dashboards(context))
        {
            var json = dashboard.ToJson();
            yield return Artifact.ForCluster(PlatformLayer.Observability, Components.Grafana, $"monitoring/dashboards/{dashboard.Uid}.json", json);
            var configMap = new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = $"dashboard-{dashboard.Uid}", NamespaceProperty = PrometheusResource.Namespace, Labels = new Dictionary<string, string> { ["grafana_dashboard"] = "1", ["app.kubernetes.io/managed-by"] = "platform" } },
                Data = new Dictionary<string, string> { [$"{dashboard.Uid}.json"] = json },
            };
            yield return Artifact.ForCluster(PlatformLayer.Observability, Components.Grafana, $"monitoring/dashboards/{dashboard.Uid}.configmap.yaml",
                HelmCharts.Yaml($"Grafana dashboard {dashboard.Uid}, loaded by the Grafana sidecar.", HelmCharts.Namespace(PrometheusResource.Namespace, PlatformNetworkPoliciesRenderer.PodSecurityOf(PrometheusResource.Namespace)), configMap));
        }
    }

    private static IEnumerable<GrafanaDashboard> Dashboards(RenderContext context)
    {
        yield return new GrafanaDashboard("platform-nodes", "Platform / Nodes")
            .Panel("CPU busy", "percentunit", ("1 - avg by (machine) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))", "{{machine}}"))
            .Panel("Memory available", "percentunit", ("node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes", "{{machine}}"))
            .Panel("Filesystem free", "percentunit", ("node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"} / node_filesystem_size_bytes{fstype!~\"tmpfs|overlay\"}", "{{machine}} {{mountpoint}}"))
            .Panel("Network received", "Bps", ("sum by (machine) (rate(node_network_receive_bytes_total{device!=\"lo\"}[5m]))", "{{machine}}"))
            .Panel("Clock offset", "s", ("node_timex_offset_seconds", "{{machine}}"));
        yield return new GrafanaDashboard("platform-control-plane", "Platform / Control plane")
            .Panel("API requests by code", "reqps", ("sum by (code) (rate(apiserver_request_total[5m]))", "{{code}}"))
            .Panel("API request latency p99", "s", ("histogram_quantile(0.99, sum by (le, verb) (rate(apiserver_request_duration_seconds_bucket{verb!~\"WATCH|CONNECT\"}[5m])))", "{{verb}}"))
            .Panel("Pending pods", "short", ("sum(kube_pod_status_phase{phase=\"Pending\"})", "pending"))
            .Panel("Workqueue depth", "short", ("sum by (name) (workqueue_depth{job=\"kube-controller-manager\"})", "{{name}}"));
        if (context.Model.Find<EtcdClusterResource>() is not null)
        {
            yield return new GrafanaDashboard("platform-etcd", "Platform / etcd")
                .Panel("Has leader", "short", ("etcd_server_has_leader", "{{instance}}"))
                .Panel("Leader changes", "short", ("increase(etcd_server_leader_changes_seen_total[1h])", "{{instance}}"))
                .Panel("WAL fsync p99", "s", ("histogram_quantile(0.99, sum by (instance, le) (rate(etcd_disk_wal_fsync_duration_seconds_bucket[5m])))", "{{instance}}"))
                .Panel("Database size", "bytes", ("etcd_mvcc_db_total_size_in_bytes", "{{instance}}"), ("etcd_server_quota_backend_bytes", "quota"));
        }

        if (context.Model.Find<IngressNginxResource>() is not null)
        {
            yield return new GrafanaDashboard("platform-ingress", "Platform / Ingress")
                .Panel("Requests by status", "reqps", ("sum by (status) (rate(nginx_ingress_controller_requests[5m]))", "{{status}}"))
                .Panel("Request latency p95", "s", ("histogram_quantile(0.95, sum by (le, ingress) (rate(nginx_ingress_controller_request_duration_seconds_bucket[5m])))", "{{ingress}}"))
                .Panel("HAProxy sessions", "short", ("sum by (proxy) (haproxy_frontend_current_sessions)", "{{proxy}}"));
        }
    }
}
