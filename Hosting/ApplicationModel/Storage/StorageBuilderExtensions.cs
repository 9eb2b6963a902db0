using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the CSI driver and its storage classes (layer 6).</summary>
public static class StorageBuilderExtensions
{
    /// <summary>Adds Longhorn, a CSI driver that replicates volumes across the workers' disks.</summary>
    /// <example><code>cluster.AddLonghorn().WithDefaultStorageClass("standard", replicas: 3);</code></example>
    public static IResourceBuilder<CsiDriverResource> AddLonghorn(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "longhorn")
        => cluster.AddAddOn(new CsiDriverResource(name, cluster.Resource))
            .WithAnnotation(LonghornVersions.Chart.ToAnnotation(name, LonghornVersions.Namespace));

    /// <summary>Adds a StorageClass (appends).</summary>
    /// <example><code>csi.WithStorageClass(new StorageClassAnnotation { Name = "retained", IsDefault = false, ReclaimPolicy = "Retain" });</code></example>
    public static IResourceBuilder<CsiDriverResource> WithStorageClass(this IResourceBuilder<CsiDriverResource> csi, StorageClassAnnotation storageClass)
        => csi.WithAnnotation(storageClass);

    /// <summary>Adds the default StorageClass (appends): PVCs without a class land here.</summary>
    /// <example><code>csi.WithDefaultStorageClass("standard", replicas: 3);</code></example>
    public static IResourceBuilder<CsiDriverResource> WithDefaultStorageClass(this IResourceBuilder<CsiDriverResource> csi, string name, int replicas = 3)
        => csi.WithStorageClass(new StorageClassAnnotation { Name = name, IsDefault = true, Replicas = replicas });
}
