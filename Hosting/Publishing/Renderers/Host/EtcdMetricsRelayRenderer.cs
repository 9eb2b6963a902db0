using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 8: etcd serves /metrics on 127.0.0.1 only. Plain HTTP on the member's address would show its state to anyone
/// who can reach it, and etcd's TLS metrics listener demands a client certificate, which would grant Prometheus all of
/// etcd. So a timer copies etcd's own series (and <c>platform_etcd_up</c>) every 15 s into node_exporter's textfile
/// collector, which Prometheus already scrapes: dashboards and alerts keep their etcd_* metrics.
/// </summary>
public sealed class EtcdMetricsRelayRenderer : IArtifactRenderer
{
    /// <summary>The relay script.</summary>
    public const string ScriptPath = "/usr/local/sbin/etcd-metrics-relay";

    /// <summary>The timer that runs it.</summary>
    public const string TimerUnit = "etcd-metrics-relay.timer";

    /// <summary>What the relay writes for node_exporter.</summary>
    public const string TextfilePath = EtcdSnapshotMetrics.TextfileDirectory + "/etcd.prom";

    /// <summary>1 while etcd answers its local /metrics, 0 when it does not.</summary>
    public const string UpMetric = "platform_etcd_up";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<EtcdClusterResource>() is null)
        {
            yield break;
        }

        foreach (var machine in context.Topology.ControlPlanes)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Observability, Components.Etcd, ScriptPath, Script, mode: "0755");
            yield return Artifact.ForHost(machine, PlatformLayer.Observability, Components.Etcd, "/etc/systemd/system/etcd-metrics-relay.service", $"""
                [Unit]
                Description=Copy etcd's local /metrics into node_exporter's textfile collector
                After=etcd.service

                [Service]
                Type=oneshot
                ExecStart={ScriptPath}

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.Observability, Components.Etcd, "/etc/systemd/system/" + TimerUnit, """
                [Unit]
                Description=etcd metrics for node_exporter every 15 s

                [Timer]
                OnBootSec=30s
                OnUnitActiveSec=15s
                AccuracySec=1s

                [Install]
                WantedBy=timers.target

                """);
        }
    }

    private static string Script => $$"""
        #!/bin/sh
        # etcd's /metrics listens on 127.0.0.1 only: copy its etcd_* series for node_exporter's textfile collector.
        # Every setting can be overridden by environment (tests run it against a local etcd).
        set -u
        url="${ETCD_METRICS_URL:-http://127.0.0.1:{{EtcdClusterResource.MetricsPort}}/metrics}"
        textfile="${ETCD_METRICS_TEXTFILE:-{{TextfilePath}}}"
        mkdir -p "$(dirname "$textfile")"
        up=0
        if curl -fsS --max-time 5 -o "$textfile.scrape" "$url"; then
            up=1
        fi
        {
            [ "$up" = 1 ] && grep -E '^(# (HELP|TYPE) )?etcd_' "$textfile.scrape"
            echo '# HELP {{UpMetric}} Whether etcd answered its local /metrics.'
            echo '# TYPE {{UpMetric}} gauge'
            echo "{{UpMetric}} $up"
        } > "$textfile.tmp"
        rm -f "$textfile.scrape"
        mv "$textfile.tmp" "$textfile"

        """;
}
