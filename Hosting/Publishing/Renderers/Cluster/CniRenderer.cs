using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 5: the CNI as a bootstrap HelmChart (its install job runs on the host network, before pods have one).</summary>
public sealed class CniRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        foreach (var cni in context.Model.OfType<CniResource>())
        {
            var pods = context.Cluster.ClusterNetwork.PodCidr.ToString();
            object values = cni.Plugin == CniPlugin.Calico
                ? new
                {
                    installation = new
                    {
                        enabled = true,
                        kubernetesProvider = "",
                        calicoNetwork = new
                        {
                            bgp = "Disabled",
                            ipPools = new[] { new { cidr = pods, blockSize = 26, encapsulation = "VXLANCrossSubnet", natOutgoing = "Enabled", nodeSelector = "all()" } },
                        },
                    },
                    apiServer = new { enabled = false },
                }
                : new { podCidr = pods, flannel = new { backend = "vxlan" } };
            var component = cni.Plugin == CniPlugin.Calico ? Components.Calico : Components.Flannel;
            yield return Artifact.ForCluster(PlatformLayer.Networking, component, $"addons/{cni.Name}.yaml",
                HelmCharts.Yaml($"{cni.Plugin} CNI for pod network {pods}; VXLAN between nodes, routed within a subnet.", HelmCharts.For(cni, values, bootstrap: true)));
        }
    }
}
