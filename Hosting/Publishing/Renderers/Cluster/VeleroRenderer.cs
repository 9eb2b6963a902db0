using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 10: Velero backing up objects and PV contents (file-system backup with kopia through the node
/// agent, which works with any CSI driver) to S3-compatible storage, on the model's schedules.
/// </summary>
public sealed class VeleroRenderer : IArtifactRenderer
{
    /// <summary>The Secret with the S3 credentials (an AWS credentials file), provided by the operator.</summary>
    public const string CredentialsSecret = "velero-credentials";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<VeleroResource>() is not { } velero)
        {
            yield break;
        }

        var location = velero.Location;
        var values = new
        {
            credentials = new { useSecret = true, existingSecret = CredentialsSecret },
            deployNodeAgent = true,
            snapshotsEnabled = false,
            initContainers = new[] { new { name = "velero-plugin-for-aws", image = VeleroVersions.AwsPluginImage, volumeMounts = new[] { new { mountPath = "/target", name = "plugins" } } } },
            configuration = new
            {
                uploaderType = "kopia",
                defaultVolumesToFsBackup = true,
                backupStorageLocation = new[]
                {
                    new { name = "default", provider = "aws", bucket = location.Bucket, @default = true, config = new { region = location.Region, s3ForcePathStyle = "true", s3Url = location.S3Url.ToString().TrimEnd('/') } },
                },
                volumeSnapshotLocation = Array.Empty<object>(),
            },
            schedules = velero.Schedules.ToDictionary(s => s.Name, s => (object)new
            {
                schedule = s.Cron,
                template = new { ttl = $"{(int)s.Ttl.TotalHours}h0m0s", includedNamespaces = s.Namespaces.Count > 0 ? s.Namespaces : ["*"], storageLocation = "default" },
            }),
        };
        yield return Artifact.ForCluster(PlatformLayer.Backup, Components.Velero, $"addons/{velero.Name}.yaml",
            HelmCharts.Yaml($"Velero: objects and PV contents to s3://{location.Bucket}; create the '{CredentialsSecret}' Secret with the bucket's keys.", HelmCharts.For(velero, values)));
    }
}
