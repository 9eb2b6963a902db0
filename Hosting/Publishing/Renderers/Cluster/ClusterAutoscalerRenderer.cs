using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 9: the Cluster Autoscaler for the worker pool. Plain VMs have no cloud API, so it talks to an
/// externalgrpc provider (a small service for your hypervisor) whose address is in the cloud-config ConfigMap.
/// </summary>
public sealed class ClusterAutoscalerRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        foreach (var autoscaler in context.Model.OfType<ClusterAutoscalerResource>())
        {
            var scaling = autoscaler.Scaling;
            var ns = autoscaler.Chart!.Namespace;
            var values = new
            {
                cloudProvider = scaling.CloudProvider,
                autoscalingGroups = new[] { new { name = autoscaler.Workers.Name, minSize = scaling.Min, maxSize = scaling.Max } },
                image = new { tag = ClusterAutoscalerVersions.ImageTag },
                extraArgs = new Dictionary<string, object> { ["cloud-config"] = "/etc/cluster-autoscaler/cloud-config", ["balance-similar-node-groups"] = true, ["expander"] = "least-waste", ["scale-down-unneeded-time"] = "10m" },
                extraVolumes = new[] { new { name = "cloud-config", configMap = new { name = $"{autoscaler.Name}-cloud-config" } } },
                extraVolumeMounts = new[] { new { name = "cloud-config", mountPath = "/etc/cluster-autoscaler", readOnly = true } },
            };
            var cloudConfig = new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = $"{autoscaler.Name}-cloud-config", NamespaceProperty = ns },
                Data = new Dictionary<string, string> { ["cloud-config"] = $"address: \"{scaling.ProviderAddress ?? "cluster-autoscaler-provider." + ns + ".svc:8086"}\"\n" },
            };
            yield return Artifact.ForCluster(PlatformLayer.Availability, Components.ClusterAutoscaler, $"addons/{autoscaler.Name}.yaml",
                HelmCharts.Yaml($"Cluster Autoscaler: pool {autoscaler.Workers.Name} between {scaling.Min} and {scaling.Max} machines ({scaling.CloudProvider}).", cloudConfig, HelmCharts.For(autoscaler, values)));
        }
    }
}
