namespace Aspire.Hosting.ApplicationModel;

/// <summary>The metric the snapshot script writes for node_exporter's textfile collector; the backup alert reads it.</summary>
public static class EtcdSnapshotMetrics
{
    /// <summary>Unix time of the last successful snapshot.</summary>
    public const string LastSuccessTimestamp = "platform_etcd_snapshot_last_success_timestamp_seconds";

    /// <summary>The textfile collector folder of Debian's and Ubuntu's prometheus-node-exporter package.</summary>
    public const string TextfileDirectory = "/var/lib/prometheus/node-exporter";

    /// <summary>The file the script writes.</summary>
    public const string TextfilePath = TextfileDirectory + "/etcd_snapshot.prom";
}
