using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 10: scheduled etcd snapshots on every control plane — a script that saves, verifies, keeps the
/// newest N, encrypts each with age and copies it off the node, and records success for Prometheus; a restore
/// script (one member); a systemd timer. The keys and the target's pinned host key are placed by the Deployer.
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
        # Saves an etcd snapshot, checks it (snapshot status: hash and revision), keeps the newest {{schedule.Keep}}, encrypts a
        # copy with age to the deployment's recipient and copies it off this node over SSH, trusting only the target's
        # pinned host key; then records success for node_exporter's textfile collector. The timer and
        # `aspire do etcd-backup` run this same script. Every setting can be overridden by environment.
        set -euo pipefail
        umask 077
        export ETCDCTL_API=3
        export ETCDCTL_ENDPOINTS="${ETCDCTL_ENDPOINTS:-https://127.0.0.1:{{EtcdClusterResource.ClientPort}}}"
        export ETCDCTL_CACERT="${ETCDCTL_CACERT:-{{EtcdPaths.CaCertificate}}}"
        export ETCDCTL_CERT="${ETCDCTL_CERT:-{{EtcdPaths.AdminClientCertificate}}}"
        export ETCDCTL_KEY="${ETCDCTL_KEY:-{{EtcdPaths.AdminClientKey}}}"
        dir="${ETCD_SNAPSHOT_DIR:-{{EtcdSnapshotResource.Directory}}}"
        keep="${ETCD_SNAPSHOT_KEEP:-{{schedule.Keep}}}"
        copy_to="${ETCD_SNAPSHOT_COPY_TO-{{schedule.CopyTo ?? ""}}}"
        textfile="${ETCD_SNAPSHOT_TEXTFILE:-{{EtcdSnapshotMetrics.TextfilePath}}}"
        recipient="${ETCD_SNAPSHOT_RECIPIENT:-{{EtcdSnapshotResource.AgeRecipientPath}}}"
        ssh_key="${ETCD_SNAPSHOT_SSH_KEY:-{{EtcdSnapshotResource.SshKeyPath}}}"
        known_hosts="${ETCD_SNAPSHOT_KNOWN_HOSTS:-{{EtcdSnapshotResource.KnownHostsPath}}}"
        host="$(hostname)"
        name="etcd-$host-$(date -u +%Y%m%dT%H%M%S%NZ)"
        file="$dir/$name.db"
        field() { sed -n "s/.*\"$1\":\"\{0,1\}\([0-9A-Za-z]*\).*/\1/p" | head -n 1; }

        mkdir -p "$dir"
        chmod 700 "$dir"
        trap 'rm -f "$file.part" "$file.age"' EXIT
        etcdctl snapshot save "$file.part" >/dev/null
        # A snapshot that does not read back is worse than none: fail loudly. etcdutl is etcd 3.5's offline tool (3.4 has etcdctl's).
        tool=etcdctl
        if command -v etcdutl >/dev/null; then tool=etcdutl; fi
        status="$($tool --write-out=json snapshot status "$file.part")"
        revision="$(field revision <<<"$status")"
        hash="$(field hash <<<"$status")"
        [ -n "$revision" ] && [ -n "$hash" ] || { echo "etcd-snapshot: $file.part: snapshot status printed no revision and hash: $status" >&2; exit 1; }
        # The keys live at the snapshot's revision: what a restore must bring back. (A zero count is left out of the JSON.)
        keys="$(etcdctl get "" --prefix --keys-only --limit=1 --rev="$revision" --write-out=json | field count)"
        keys="${keys:-0}"
        mv "$file.part" "$file"
        size="$(stat -c %s "$file")"
        sha256="$(sha256sum "$file" | cut -d ' ' -f 1)"
        printf '{"name":"%s","member":"%s","revision":%s,"hash":%s,"keys":%s,"size":%s,"sha256":"%s"}\n' \
          "$name" "$host" "$revision" "$hash" "$keys" "$size" "$sha256" > "$dir/$name.json"
        echo "etcd-snapshot: saved $file revision=$revision hash=$hash keys=$keys size=$size sha256=$sha256"

        ls -1t "$dir"/etcd-*.db | tail -n +"$((keep + 1))" | while read -r old; do rm -f -- "$old" "${old%.db}.json"; done

        if [ -n "$copy_to" ]; then
          target="${copy_to#*@}"
          target="${target%%:*}"
          [ -s "$recipient" ] || { echo "etcd-snapshot: no age recipient in $recipient: a snapshot never leaves the node unencrypted; run the etcd phase (aspire deploy)" >&2; exit 1; }
          ssh-keygen -F "$target" -f "$known_hosts" >/dev/null 2>&1 || { echo "etcd-snapshot: the host key of $target is not pinned in $known_hosts; set backupTarget.hostKey in the inventory and run the etcd phase" >&2; exit 1; }
          age -R "$recipient" -o "$file.age" "$file"
          rsync -a --mkpath -e "ssh -i $ssh_key -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$known_hosts -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=10" \
            "$file.age" "$dir/$name.json" "$copy_to/$host/"
          echo "etcd-snapshot: copied $copy_to/$host/$name.db.age"
        fi

        mkdir -p "$(dirname "$textfile")"
        {
          echo "# HELP {{EtcdSnapshotMetrics.LastSuccessTimestamp}} Unix time of the last etcd snapshot that was saved, verified and copied."
          echo "# TYPE {{EtcdSnapshotMetrics.LastSuccessTimestamp}} gauge"
          echo "{{EtcdSnapshotMetrics.LastSuccessTimestamp}} $(date +%s)"
        } > "$textfile.tmp"
        chmod 644 "$textfile.tmp"
        mv "$textfile.tmp" "$textfile"

        """;

    private const string Restore = $$"""
        #!/usr/bin/env bash
        # Restores this etcd member from a snapshot: `etcd-restore SNAPSHOT.db [CLUSTER-TOKEN]`. To rebuild the cluster, run it
        # on every control plane with the same snapshot and token (aspire do etcd-restore does, then starts the members
        # together). The data is restored beside the old folder, which is kept, then swapped in.
        set -euo pipefail
        umask 077
        snapshot="${1:?usage: etcd-restore SNAPSHOT.db [CLUSTER-TOKEN]}"
        [ -f "$snapshot" ] || { echo "etcd-restore: $snapshot does not exist" >&2; exit 1; }
        env_file="${ETCD_ENV_FILE:-{{EtcdPaths.EnvironmentFile}}}"
        set -a
        # shellcheck disable=SC1090
        . "$env_file"
        set +a
        export ETCDCTL_API=3
        token="${2:-$ETCD_INITIAL_CLUSTER_TOKEN}"
        systemctl="${ETCD_RESTORE_SYSTEMCTL:-systemctl}"
        tool=etcdctl
        if command -v etcdutl >/dev/null; then tool=etcdutl; fi

        $systemctl stop etcd
        rm -rf "$ETCD_DATA_DIR.restoring"
        $tool snapshot restore "$snapshot" \
          --name "$ETCD_NAME" \
          --initial-cluster "$ETCD_INITIAL_CLUSTER" \
          --initial-cluster-token "$token" \
          --initial-advertise-peer-urls "$ETCD_INITIAL_ADVERTISE_PEER_URLS" \
          --data-dir "$ETCD_DATA_DIR.restoring" >/dev/null
        if [ -d "$ETCD_DATA_DIR" ]; then
          aside="$ETCD_DATA_DIR.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
          mv "$ETCD_DATA_DIR" "$aside"
          echo "etcd-restore: previous data kept in $aside"
        fi
        mv "$ETCD_DATA_DIR.restoring" "$ETCD_DATA_DIR"
        if [ "${ETCD_RESTORE_START:-true}" = true ]; then $systemctl start etcd; fi
        echo "etcd-restore: $ETCD_NAME restored from $snapshot"

        """;
}
