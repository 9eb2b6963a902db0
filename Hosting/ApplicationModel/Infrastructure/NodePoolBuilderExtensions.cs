using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds machine pools to a cluster and sizes them (layer 1).</summary>
public static class NodePoolBuilderExtensions
{
    /// <summary>Adds the control-plane pool: 3 machines (or 1 for small setups) running etcd and the API server.</summary>
    /// <example><code>cluster.AddControlPlanes(3, controlPlaneSubnet);</code></example>
    public static IResourceBuilder<NodePoolResource> AddControlPlanes(this IResourceBuilder<KubernetesClusterResource> cluster, int count, IResourceBuilder<SubnetResource> subnet, string name = "cp")
        => cluster.AddPool(name, NodeRole.ControlPlane, count, subnet, MachineSize.Medium);

    /// <summary>Adds a worker pool.</summary>
    /// <example><code>var workers = cluster.AddWorkers("worker", 3, workerSubnet).WithSize(MachineSize.Large);</code></example>
    public static IResourceBuilder<NodePoolResource> AddWorkers(this IResourceBuilder<KubernetesClusterResource> cluster, string name, int count, IResourceBuilder<SubnetResource> subnet)
        => cluster.AddPool(name, NodeRole.Worker, count, subnet, MachineSize.Large);

    /// <summary>Sets the size of every machine in the pool (replaces).</summary>
    /// <example><code>workers.WithSize(new MachineSize(16, 64, 400));</code></example>
    public static IResourceBuilder<NodePoolResource> WithSize(this IResourceBuilder<NodePoolResource> pool, MachineSize size)
        => pool.WithAnnotation(new MachineSizeAnnotation { Size = size }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Sets the number of machines (replaces), adding or removing the pool's machine resources to match.</summary>
    /// <example><code>workers.WithCount(5);</code></example>
    public static IResourceBuilder<NodePoolResource> WithCount(this IResourceBuilder<NodePoolResource> pool, int count)
    {
        pool.WithAnnotation(new NodeCountAnnotation { Count = count }, ResourceAnnotationMutationBehavior.Replace);
        var resources = pool.ApplicationBuilder.Resources;
        foreach (var extra in resources.OfType<MachineResource>().Where(m => m.Parent == pool.Resource && m.Index > count).ToList())
        {
            resources.Remove(extra);
        }

        // A negative or zero count adds none; validation reports it with every other error.
        for (var index = resources.OfType<MachineResource>().Count(m => m.Parent == pool.Resource) + 1; index <= count; index++)
        {
            pool.ApplicationBuilder.AddPlatformResource(new MachineResource($"{pool.Resource.Name}-{index}", index, pool.Resource));
        }

        return pool;
    }

    internal static IResourceBuilder<NodePoolResource> AddPool(this IResourceBuilder<KubernetesClusterResource> cluster, string name, NodeRole role, int count, IResourceBuilder<SubnetResource> subnet, MachineSize size)
        => cluster.ApplicationBuilder.AddPlatformResource(new NodePoolResource(name, role, cluster.Resource))
            .WithCount(count)
            .WithSize(size)
            .WithAnnotation(new SubnetPlacementAnnotation { Subnet = subnet.Resource });
}
