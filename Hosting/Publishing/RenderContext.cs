using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing;

/// <summary>What a renderer reads: the model, the machines with their addresses, and the secrets.</summary>
/// <param name="Model">The validated model.</param>
/// <param name="Topology">The machines: planned from the model for publish, from the inventory for deploy.</param>
/// <param name="Secrets">Secret values for deploy, or <c>${NAME}</c> references for publish.</param>
public sealed record RenderContext(PlatformModel Model, PlatformTopology Topology, PlatformSecrets Secrets)
{
    /// <summary>The context publish uses: planned addresses and secret references.</summary>
    public static RenderContext ForPublish(PlatformModel model) => new(model, model.PlanTopology(), PlatformSecrets.References);

    /// <summary>The cluster.</summary>
    public KubernetesClusterResource Cluster => Model.Cluster;

    /// <summary>The address clients use for the API server: the VIP, or the only control plane.</summary>
    public string ControlPlaneEndpointHost => Model.Find<ApiLoadBalancerResource>()?.VirtualIp.Address.ToString()
        ?? Topology.ControlPlanes.First().Address.ToString();

    /// <summary>The etcd client URLs of every control plane.</summary>
    public IReadOnlyList<string> EtcdClientUrls => Topology.ControlPlanes
        .Select(m => $"https://{m.Address}:{EtcdClusterResource.ClientPort}").ToArray();
}
