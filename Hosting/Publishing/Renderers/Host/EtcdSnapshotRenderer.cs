using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 10: scheduled etcd snapshots on every control plane — a script that saves, verifies, keeps the
/// newest N, copies each off the node and records success for Prometheus; a restore script; a systemd timer.
/// </summary>
public sealed class EtcdSnapshotRenderer : IArtifactRenderer
{
    /// <summary>The snapshot script.</summary>
    public const string SnapshotScriptPath = "/usr/local/sbin/etcd-snapshot";

    /// <summary>The restore script.</summary>
    public const string RestoreScriptPath = "/usr/local/sbin/etcd-restore";

    /// <summary>The timer unit.</summary>
    public const string TimerPath = "/etc/systemd/system/etcd-snapshot.timer";

    /// <summary>The service unit the timer starts.</summary>
    public const string ServicePath = "/etc/systemd/system/etcd-snapshot.service";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<EtcdSnapshotResource>() is not { } snapshots)
        {
            yield break;
        }

        var schedule = snapshots.Schedule;
        foreach (var machine in context.Topology.ControlPlanes)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Backup, Components.EtcdSnapshots, SnapshotScriptPath, Snapshot(schedule), mode: "0755");
            yield return Artifact.ForHost(machine, PlatformLayer.Backup, Components.EtcdSnapshots, RestoreScriptPath, Restore, mode: "0755");
            yield return Artifact.ForHost(machine, PlatformLayer.Backup, Components.EtcdSnapshots, ServicePath, $"""
                [Unit]
                Description=etcd snapshot ({context.Cluster.Name})
                Documentation=file://{SnapshotScriptPath}
                After=etcd.service
                Wants=etcd.service

                [Service]
                Type=oneshot
                ExecStart={SnapshotScriptPath}
                Nice=10
                IOSchedulingClass=best-effort

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.Backup, Components.EtcdSnapshots, TimerPath, $"""
                [Unit]
                Description=etcd snapshot every {Duration(schedule.Every)}, keeping {schedule.Keep}

                [Timer]
                OnBootSec=10min
                OnUnitActiveSec={Duration(schedule.Every)}
                RandomizedDelaySec=60

                [Install]
                WantedBy=timers.target

                """);
        }
    }

    /// <summary>A systemd time span: whole hours as h, whole minutes as min, else seconds.</summary>
    public static string Duration(TimeSpan span) => span.TotalHours == Math.Floor(span.TotalHours) && span.TotalHours >= 1
        ? $"{span.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : span.TotalMinutes == Math.Floor(span.TotalMinutes) ? $"{span.TotalMinutes.ToString(CultureInfo.InvariantCulture)}min" : $"{(int)span.TotalSeconds}s";

    private static string Snapshot(SnapshotScheduleAnnotation schedule) => $$"""
        #!/usr/bin/env bash
        # Saves an etcd snapshot, checks it, keeps the newest {{schedule.Keep}}, copies it off this node, and
        # records success for node_exporter's textfile collector. Every setting can be overridden by environment.
        set -euo pipefail
        export ETCDCTL_API=3
        export ETCDCTL_ENDPOINTS="${ETCDCTL_ENDPOINTS:-https://127.0.0.1:{{EtcdClusterResource.ClientPort}}}"
        export ETCDCTL_CACERT="${ETCDCTL_CACERT:-{{EtcdPaths.CaCertificate}}}"
        export ETCDCTL_CERT="${ETCDCTL_CERT:-{{EtcdPaths.AdminClientCertificate}}}"
        export ETCDCTL_KEY="${ETCDCTL_KEY:-{{EtcdPaths.AdminClientKey}}}"
        dir="${ETCD_SNAPSHOT_DIR:-{{EtcdSnapshotResource.Directory}}}"
        keep="${ETCD_SNAPSHOT_KEEP:-{{schedule.Keep}}}"
        copy_to="${ETCD_SNAPSHOT_COPY_TO-{{schedule.CopyTo ?? ""}}}"
        textfile="${ETCD_SNAPSHOT_TEXTFILE:-{{EtcdSnapshotMetrics.TextfilePath}}}"
        host="$(hostname)"

        mkdir -p "$dir"
        chmod 700 "$dir"
        file="$dir/etcd-$host-$(date -u +%Y%m%dT%H%M%S%NZ).db"
        etcdctl snapshot save "$file.part" >/dev/null
        # A snapshot that does not read back is worse than none: fail loudly.
        etcdctl --write-out=simple snapshot status "$file.part" >/dev/null
        mv "$file.part" "$file"
        echo "etcd-snapshot: saved $file"

        ls -1t "$dir"/etcd-*.db | tail -n +"$((keep + 1))" | xargs -r rm -f --

        if [ -n "$copy_to" ]; then
          rsync -a --mkpath -e "ssh -o BatchMode=yes -o StrictHostKeyChecking=yes" "$file" "$copy_to/$host/"
          echo "etcd-snapshot: copied to $copy_to/$host/"
        fi

        mkdir -p "$(dirname "$textfile")"
        {
          echo "# HELP {{EtcdSnapshotMetrics.LastSuccessTimestamp}} Unix time of the last etcd snapshot that was saved, verified and copied."
          echo "# TYPE {{EtcdSnapshotMetrics.LastSuccessTimestamp}} gauge"
          echo "{{EtcdSnapshotMetrics.LastSuccessTimestamp}} $(date +%s)"
        } > "$textfile.tmp"
        mv "$textfile.tmp" "$textfile"

        """;

    private const string Restore = $$"""
        #!/usr/bin/env bash
        # Restores this etcd member from a snapshot. To rebuild the cluster, run it on every control plane
        # with the same snapshot file. The old data folder is kept beside the new one.
        set -euo pipefail
        snapshot="${1:?usage: etcd-restore SNAPSHOT.db}"
        [ -f "$snapshot" ] || { echo "etcd-restore: $snapshot does not exist" >&2; exit 1; }
        env_file="${ETCD_ENV_FILE:-{{EtcdPaths.EnvironmentFile}}}"
        set -a
        # shellcheck disable=SC1090
        . "$env_file"
        set +a
        export ETCDCTL_API=3
        systemctl="${ETCD_RESTORE_SYSTEMCTL:-systemctl}"

        $systemctl stop etcd
        if [ -d "$ETCD_DATA_DIR" ]; then
          aside="$ETCD_DATA_DIR.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
          mv "$ETCD_DATA_DIR" "$aside"
          echo "etcd-restore: previous data kept in $aside"
        fi
        etcdctl snapshot restore "$snapshot" \
          --name "$ETCD_NAME" \
          --initial-cluster "$ETCD_INITIAL_CLUSTER" \
          --initial-cluster-token "$ETCD_INITIAL_CLUSTER_TOKEN" \
          --initial-advertise-peer-urls "$ETCD_INITIAL_ADVERTISE_PEER_URLS" \
          --data-dir "$ETCD_DATA_DIR"
        $systemctl start etcd
        echo "etcd-restore: $ETCD_NAME restored from $snapshot"

        """;
}
