using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 6: Longhorn (the CSI driver), the model's StorageClasses, and an example PVC that uses the default one.</summary>
public sealed class StorageRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        foreach (var csi in context.Model.OfType<CsiDriverResource>())
        {
            var classes = csi.StorageClasses.ToList();
            var replicas = classes.FirstOrDefault(c => c.IsDefault)?.Replicas ?? 3;
            var values = new
            {
                // Platform owns the StorageClass objects; the chart's own class would be a second default.
                persistence = new { defaultClass = false },
                defaultSettings = new { defaultReplicaCount = replicas, storageMinimalAvailablePercentage = 15, nodeDownPodDeletionPolicy = "delete-both-statefulset-and-deployment-pod" },
                csi = new { attacherReplicaCount = 2, provisionerReplicaCount = 2, resizerReplicaCount = 2, snapshotterReplicaCount = 2 },
            };
            yield return Artifact.ForCluster(PlatformLayer.Storage, Components.Longhorn, $"addons/{csi.Name}.yaml",
                HelmCharts.Yaml("Longhorn: CSI volumes replicated across the workers' disks.", HelmCharts.For(csi, values)));

            var objects = new List<object>();
            foreach (var sc in classes)
            {
                objects.Add(new V1StorageClass
                {
                    ApiVersion = "storage.k8s.io/v1",
                    Kind = "StorageClass",
                    Metadata = new V1ObjectMeta
                    {
                        Name = sc.Name,
                        Annotations = new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = sc.IsDefault ? "true" : "false" },
                    },
                    Provisioner = csi.Provisioner,
                    ReclaimPolicy = sc.ReclaimPolicy,
                    AllowVolumeExpansion = sc.AllowVolumeExpansion,
                    VolumeBindingMode = "Immediate",
                    Parameters = new Dictionary<string, string>
                    {
                        ["numberOfReplicas"] = sc.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["staleReplicaTimeout"] = "30",
                        ["fsType"] = "ext4",
                        ["dataLocality"] = "best-effort",
                    },
                });
            }

            if (classes.Any(c => c.IsDefault))
            {
                objects.Add(HelmCharts.Namespace("storage-example"));
                objects.Add(new V1PersistentVolumeClaim
                {
                    ApiVersion = "v1",
                    Kind = "PersistentVolumeClaim",
                    Metadata = new V1ObjectMeta { Name = "example-data", NamespaceProperty = "storage-example" },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
                    },
                });
            }

            yield return Artifact.ForCluster(PlatformLayer.Storage, Components.StorageClasses, "storage/storage-classes.yaml",
                HelmCharts.Yaml($"StorageClasses backed by {csi.Provisioner}; the example PVC takes the default class.", [.. objects]));
        }
    }
}
