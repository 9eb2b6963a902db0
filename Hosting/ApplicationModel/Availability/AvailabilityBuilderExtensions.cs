using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the API VIP, metrics-server, the cluster autoscaler and HPAs (layer 9).</summary>
public static class AvailabilityBuilderExtensions
{
    /// <summary>
    /// Adds a load-balancer pool running HAProxy + keepalived with <paramref name="virtualIp"/> in front
    /// of every API server on 6443 (and the ingress NodePorts on 80/443). The VIP is the kubeadm
    /// control-plane endpoint.
    /// </summary>
    /// <example><code>cluster.AddApiLoadBalancer("api", count: 2, lbSubnet, virtualIp: "10.20.3.10");</code></example>
    public static IResourceBuilder<ApiLoadBalancerResource> AddApiLoadBalancer(this IResourceBuilder<KubernetesClusterResource> cluster, string name, int count, IResourceBuilder<SubnetResource> subnet, string virtualIp, string poolName = "lb")
    {
        var pool = cluster.AddPool(poolName, NodeRole.LoadBalancer, count, subnet, MachineSize.Small);
        return cluster.AddAddOn(new ApiLoadBalancerResource(name, pool.Resource, cluster.Resource))
            .WithAnnotation(new VirtualIpAnnotation { Address = Cidr.ParseAddress(virtualIp, $"API load balancer '{name}' VIP") });
    }

    /// <summary>Sets the VRRP router id (replaces the VIP settings' id); pick one no other VRRP group on the segment uses.</summary>
    /// <example><code>api.WithVirtualRouterId(77);</code></example>
    public static IResourceBuilder<ApiLoadBalancerResource> WithVirtualRouterId(this IResourceBuilder<ApiLoadBalancerResource> loadBalancer, int id)
        => loadBalancer.WithAnnotation(loadBalancer.Resource.VirtualIp with { VirtualRouterId = id }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Adds metrics-server, which HPAs and <c>kubectl top</c> read.</summary>
    /// <example><code>cluster.AddMetricsServer();</code></example>
    public static IResourceBuilder<MetricsServerResource> AddMetricsServer(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "metrics-server")
        => cluster.AddAddOn(new MetricsServerResource(name, cluster.Resource))
            .WithAnnotation(MetricsServerVersions.Chart.ToAnnotation(name, "kube-system"));

    /// <summary>Adds the Cluster Autoscaler for a worker pool, between <paramref name="min"/> and <paramref name="max"/> machines.</summary>
    /// <example><code>cluster.AddClusterAutoscaler(workers, min: 3, max: 10, providerAddress: "autoscaler-grpc.internal:8086");</code></example>
    public static IResourceBuilder<ClusterAutoscalerResource> AddClusterAutoscaler(this IResourceBuilder<KubernetesClusterResource> cluster, IResourceBuilder<NodePoolResource> workers, int min, int max, string? providerAddress = null, string name = "cluster-autoscaler")
        => cluster.AddAddOn(new ClusterAutoscalerResource(name, workers.Resource, cluster.Resource))
            .WithAnnotation(ClusterAutoscalerVersions.Chart.ToAnnotation(name, "kube-system"))
            .WithAnnotation(new NodeAutoscalingAnnotation { Min = min, Max = max, ProviderAddress = providerAddress });

    /// <summary>Adds an example Deployment scaled by an autoscaling/v2 HPA on CPU.</summary>
    /// <example><code>cluster.AddHorizontalPodAutoscaler("web", "apps", min: 2, max: 10, targetCpu: 70);</code></example>
    public static IResourceBuilder<HorizontalPodAutoscalerResource> AddHorizontalPodAutoscaler(this IResourceBuilder<KubernetesClusterResource> cluster, string name, string ns, int min, int max, int targetCpu)
        => cluster.AddAddOn(new HorizontalPodAutoscalerResource(name, cluster.Resource))
            .WithAnnotation(new PodAutoscalingAnnotation { Namespace = ns, MinReplicas = min, MaxReplicas = max, TargetCpuUtilization = targetCpu });
}
