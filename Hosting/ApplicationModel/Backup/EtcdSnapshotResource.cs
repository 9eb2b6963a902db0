namespace Aspire.Hosting.ApplicationModel;

/// <summary>Scheduled etcd snapshots on the control planes, kept locally with retention and copied off the node (layer 10).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The etcd cluster it snapshots.</param>
public sealed class EtcdSnapshotResource(string name, EtcdClusterResource parent) : PlatformResource(name), IResourceWithParent<EtcdClusterResource>
{
    /// <inheritdoc />
    public EtcdClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Backup;

    /// <summary>The schedule, retention and off-node target.</summary>
    public SnapshotScheduleAnnotation Schedule => this.GetRequiredAnnotation<SnapshotScheduleAnnotation>();

    /// <summary>Where snapshots are written on each control plane.</summary>
    public const string Directory = "/var/backups/etcd";
}
