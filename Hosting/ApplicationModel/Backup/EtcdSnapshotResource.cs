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

    /// <summary>Where a control plane keeps what the off-node copy needs (placed by the Deployer, not published).</summary>
    public const string KeysDirectory = "/etc/etcd/backup";

    /// <summary>The age recipient copies are encrypted to.</summary>
    public const string AgeRecipientPath = "/etc/etcd/backup/age-recipient.txt";

    /// <summary>The SSH key the copy logs in to the target with (0600).</summary>
    public const string SshKeyPath = "/etc/etcd/backup/ssh-key";

    /// <summary>The copy target's pinned host key: the copy never asks and never reads root's known_hosts.</summary>
    public const string KnownHostsPath = "/etc/etcd/backup/known_hosts";

    /// <summary>Where a restore fetches, decrypts and checks a snapshot on each control plane (0700).</summary>
    public const string RestoreDirectory = "/var/lib/etcd-restore";
}
