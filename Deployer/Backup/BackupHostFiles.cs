using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Backup;

/// <summary>
/// What a control plane needs to copy snapshots off the node: the age recipient, the SSH key and the target's pinned
/// host key. Placed by the etcd phase from the state folder and the inventory; never published.
/// </summary>
public static class BackupHostFiles
{
    /// <summary>The files for every control plane, or none when the model takes no snapshots.</summary>
    public static IReadOnlyList<DesiredFile> For(DeploymentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Model.Find<EtcdSnapshotResource>() is not { } snapshots)
        {
            return [];
        }

        var keys = BackupKeys.LoadOrCreate(context.State);
        var files = new List<DesiredFile>
        {
            DesiredFile.Text(EtcdSnapshotResource.AgeRecipientPath, keys.Age.Recipient + "\n", "0644", Components.EtcdSnapshots),
            DesiredFile.Text(EtcdSnapshotResource.SshKeyPath, keys.Ssh.PrivateKeyPem, "0600", Components.EtcdSnapshots),
        };
        if (SnapshotTarget.Parse(snapshots.Schedule.CopyTo) is { } target && context.Inventory.BackupTargetHostKey is { } hostKey)
        {
            files.Add(DesiredFile.Text(EtcdSnapshotResource.KnownHostsPath, target.KnownHostsLine(hostKey), "0644", Components.EtcdSnapshots));
        }

        return files;
    }
}
