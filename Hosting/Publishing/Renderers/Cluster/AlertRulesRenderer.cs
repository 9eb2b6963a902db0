using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.Monitoring;
using Platform.Hosting.Publishing.Renderers.Host;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 8: Platform's alert rules, one plain rule file per area (checked with promtool) and all of them in
/// one PrometheusRule the operator loads.
/// </summary>
public sealed class AlertRulesRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<PrometheusResource>() is null)
        {
            yield break;
        }

        var groups = Groups(context).ToList();
        foreach (var group in groups)
        {
            yield return Artifact.ForCluster(PlatformLayer.Observability, Components.AlertRules, $"monitoring/rules/{group.Name}.rules.yaml",
                KubernetesYaml.Serialize(new RuleFile { Groups = [group] }));
        }

        var rule = new PrometheusRule
        {
            Metadata = new V1ObjectMeta { Name = "platform", NamespaceProperty = PrometheusResource.Namespace, Labels = new Dictionary<string, string> { ["release"] = "kube-prometheus-stack", ["app.kubernetes.io/managed-by"] = "platform" } },
            Spec = new RuleFile { Groups = groups },
        };
        yield return Artifact.ForCluster(PlatformLayer.Observability, Components.AlertRules, "monitoring/prometheus-rule.yaml",
            HelmCharts.Yaml("Platform's alert rules for the Prometheus operator.", rule));
    }

    /// <summary>The alert groups the model calls for.</summary>
    public static IEnumerable<RuleGroup> Groups(RenderContext context)
    {
        yield return new RuleGroup
        {
            Name = "platform-nodes",
            Rules =
            [
                Alert("NodeDown", "up{job=\"node\"} == 0", "5m", "critical", "Machine {{ $labels.machine }} is down", "node_exporter on {{ $labels.instance }} has not answered for 5 minutes."),
                Alert("NodeFilesystemAlmostFull", "(node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"} / node_filesystem_size_bytes{fstype!~\"tmpfs|overlay\"}) < 0.10", "15m", "warning", "{{ $labels.machine }}: {{ $labels.mountpoint }} is over 90% full", "Less than 10% space is left on {{ $labels.device }}."),
                Alert("NodeMemoryPressure", "(node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) < 0.05", "10m", "warning", "{{ $labels.machine }} is low on memory", "Less than 5% of memory is available."),
                Alert("NodeClockSkew", "abs(node_timex_offset_seconds) > 0.5", "10m", "warning", "{{ $labels.machine }}'s clock is off by more than 0.5 s", "etcd and TLS need synchronised clocks; check chrony."),
            ],
        };
        if (context.Model.Find<EtcdClusterResource>() is not null)
        {
            yield return new RuleGroup
            {
                Name = "platform-etcd",
                Rules =
                [
                    Alert("EtcdNoLeader", "etcd_server_has_leader == 0", "1m", "critical", "etcd member {{ $labels.instance }} has no leader", "The member cannot serve requests until a leader is elected."),
                    Alert("EtcdMembersDown", $"count({EtcdMetricsRelayRenderer.UpMetric} == 0) > 0", "3m", "critical", "{{ $value }} etcd member(s) down", "Losing a majority of members stops the API server."),
                    Alert("EtcdSlowFsync", "histogram_quantile(0.99, sum by (instance, le) (rate(etcd_disk_wal_fsync_duration_seconds_bucket[5m]))) > 0.5", "10m", "warning", "etcd WAL fsync is slow on {{ $labels.instance }}", "99th percentile fsync above 500 ms: the disk is too slow for etcd."),
                    Alert("EtcdDatabaseNearQuota", "etcd_mvcc_db_total_size_in_bytes / etcd_server_quota_backend_bytes > 0.8", "10m", "warning", "etcd database over 80% of its quota on {{ $labels.instance }}", "Compact and defragment before writes are refused."),
                ],
            };
        }

        yield return new RuleGroup
        {
            Name = "platform-control-plane",
            Rules =
            [
                Alert("ApiServerDown", "absent(up{job=\"apiserver\"} == 1)", "5m", "critical", "No API server is answering", "Prometheus cannot reach any kube-apiserver."),
                Alert("ApiServerErrors", "sum(rate(apiserver_request_total{code=~\"5..\"}[5m])) / sum(rate(apiserver_request_total[5m])) > 0.05", "10m", "warning", "More than 5% of API requests fail", "Check the API server logs and etcd health."),
                Alert("ClientCertificateExpiresSoon", "histogram_quantile(0.01, sum by (le) (rate(apiserver_client_certificate_expiration_seconds_bucket[5m]))) < 7 * 24 * 3600", "1h", "warning", "A client certificate used against the API expires within 7 days", "Renew certificates: kubeadm certs renew."),
            ],
        };
        if (context.Model.Find<ApiLoadBalancerResource>() is not null)
        {
            yield return new RuleGroup
            {
                Name = "platform-haproxy",
                Rules =
                [
                    Alert("HaproxyBackendServerDown", "haproxy_server_status{state=\"UP\"} == 0", "5m", "warning", "HAProxy on {{ $labels.machine }} sees {{ $labels.proxy }}/{{ $labels.server }} down", "A control plane (or worker for ingress) fails its health check."),
                    Alert("HaproxyDown", "up{job=\"haproxy\"} == 0", "2m", "critical", "HAProxy on {{ $labels.machine }} is not answering", "keepalived moves the VIP away; check the load balancer."),
                ],
            };
        }

        if (IngressMetrics.Of(context.Model) is { } ingress)
        {
            yield return new RuleGroup
            {
                Name = "platform-ingress",
                Rules =
                [
                    Alert("IngressHighErrorRate", ingress.ErrorRatioAbove5Percent, "10m", "warning", $"Ingress {{{{ $labels.{ingress.Label} }}}} answers more than 5% errors", "Check the backend service."),
                ],
            };
        }

        if (context.Model.Find<EtcdSnapshotResource>() is { } snapshots)
        {
            var seconds = (int)(snapshots.Schedule.Every.TotalSeconds * 2);
            yield return new RuleGroup
            {
                Name = "platform-backup",
                Rules =
                [
                    Alert("EtcdSnapshotTooOld", $"time() - {EtcdSnapshotMetrics.LastSuccessTimestamp} > {seconds}", "10m", "critical", "{{ $labels.machine }} has no etcd snapshot for two intervals", "Check `systemctl status etcd-snapshot` on the control plane."),
                    Alert("EtcdSnapshotMissing", $"absent({EtcdSnapshotMetrics.LastSuccessTimestamp})", "1h", "warning", "No control plane has reported an etcd snapshot", "The snapshot timer has not run yet, or node_exporter's textfile collector is off."),
                ],
            };
        }
    }

    private static AlertingRule Alert(string name, string expr, string @for, string severity, string summary, string description) => new()
    {
        Alert = name,
        Expr = expr,
        For = @for,
        Labels = new Dictionary<string, string> { ["severity"] = severity },
        Annotations = new Dictionary<string, string> { ["summary"] = summary, ["description"] = description },
    };
}
