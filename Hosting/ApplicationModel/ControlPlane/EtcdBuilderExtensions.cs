using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds external etcd on the control planes (layer 3) and its snapshots (layer 10).</summary>
public static class EtcdBuilderExtensions
{
    /// <summary>Adds etcd on every control-plane machine, as systemd services with their own TLS PKI.</summary>
    /// <example><code>var etcd = cluster.AddEtcd();</code></example>
    public static IResourceBuilder<EtcdClusterResource> AddEtcd(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "etcd")
        => cluster.AddAddOn(new EtcdClusterResource(name, cluster.Resource));

    /// <summary>Chooses where etcd is installed from (replaces). The default is the pinned upstream release.</summary>
    /// <example><code>etcd.WithSource(EtcdSource.DistroPackage);</code></example>
    public static IResourceBuilder<EtcdClusterResource> WithSource(this IResourceBuilder<EtcdClusterResource> etcd, EtcdSource source)
        => etcd.WithAnnotation(new EtcdSourceAnnotation { Source = source }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Adds scheduled snapshots with retention, optionally copied off the node with rsync over SSH.</summary>
    /// <example><code>etcd.AddSnapshots(every: TimeSpan.FromHours(6), keep: 28, copyTo: "backup@10.20.3.50:/srv/etcd");</code></example>
    public static IResourceBuilder<EtcdSnapshotResource> AddSnapshots(this IResourceBuilder<EtcdClusterResource> etcd, TimeSpan every, int keep, string? copyTo = null, string name = "etcd-snapshots")
        => etcd.ApplicationBuilder.AddPlatformResource(new EtcdSnapshotResource(name, etcd.Resource))
            .WithAnnotation(new SnapshotScheduleAnnotation { Every = every, Keep = keep, CopyTo = copyTo });
}
