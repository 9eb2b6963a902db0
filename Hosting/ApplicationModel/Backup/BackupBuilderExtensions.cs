using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds PV and object backups with Velero (layer 10). etcd snapshots are on <see cref="EtcdBuilderExtensions"/>.</summary>
public static class BackupBuilderExtensions
{
    /// <summary>Adds Velero with its node agent (file-system backup of PV contents) storing to an S3-compatible bucket.</summary>
    /// <example><code>cluster.AddVelero("platform-backups", "https://minio.internal:9000").WithSchedule("daily", "0 2 * * *", TimeSpan.FromDays(30));</code></example>
    public static IResourceBuilder<VeleroResource> AddVelero(this IResourceBuilder<KubernetesClusterResource> cluster, string bucket, string s3Url, string name = "velero")
        => cluster.AddAddOn(new VeleroResource(name, cluster.Resource))
            .WithAnnotation(VeleroVersions.Chart.ToAnnotation(name, VeleroResource.Namespace))
            .WithAnnotation(new BackupLocationAnnotation { Bucket = bucket, S3Url = new Uri(s3Url) });

    /// <summary>Adds a backup schedule (appends).</summary>
    /// <example><code>velero.WithSchedule("daily", "0 2 * * *", TimeSpan.FromDays(30), "apps");</code></example>
    public static IResourceBuilder<VeleroResource> WithSchedule(this IResourceBuilder<VeleroResource> velero, string name, string cron, TimeSpan ttl, params string[] namespaces)
        => velero.WithAnnotation(new BackupScheduleAnnotation { Name = name, Cron = cron, Ttl = ttl, Namespaces = namespaces });
}
