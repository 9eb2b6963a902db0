namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The CSI driver with dynamic provisioning (layer 6): Longhorn, which replicates volumes across the
/// workers' own disks, so plain VMs get durable PVs with no SAN, NFS server or cloud disk API.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class CsiDriverResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Storage;

    /// <summary>The CSI provisioner name StorageClasses refer to.</summary>
    public string Provisioner => LonghornVersions.Provisioner;

    /// <summary>The storage classes this driver backs.</summary>
    public IEnumerable<StorageClassAnnotation> StorageClasses => this.GetAnnotations<StorageClassAnnotation>();

    /// <inheritdoc />
    public override string TypeName => "CsiDriver";
}
