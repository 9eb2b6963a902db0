namespace Aspire.Hosting.ApplicationModel;

/// <summary>Velero: scheduled backups of cluster objects and PV contents (file-system backup via the node agent) to S3-compatible storage (layer 10).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class VeleroResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Backup;

    /// <summary>Where backups are stored.</summary>
    public BackupLocationAnnotation Location => this.GetRequiredAnnotation<BackupLocationAnnotation>();

    /// <summary>The backup schedules.</summary>
    public IEnumerable<BackupScheduleAnnotation> Schedules => this.GetAnnotations<BackupScheduleAnnotation>();

    /// <summary>Velero's namespace.</summary>
    public const string Namespace = "velero";
}
