using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Testing;

/// <summary>The model the Deployer and end-to-end tests deploy: 3 control planes, 2 workers, 2 load balancers, etcd from the distribution, time synced to cp-1.</summary>
public static class DeployerTestModels
{
    /// <summary>
    /// A platform of the given shape, addresses under <paramref name="prefix"/>: subnets <c>prefix.(subnets+1..3).0/24</c>,
    /// so labs that share a /16 can use different <paramref name="subnets"/> and run side by side.
    /// </summary>
    public static IDistributedApplicationBuilder Lab(int controlPlanes = 3, int workers = 2, int loadBalancers = 2, string prefix = "10.77", int subnets = 0)
    {
        var builder = DistributedApplication.CreateBuilder();
        var network = builder.AddNetwork("private", $"{prefix}.0.0/16");
        var cpNet = network.AddSubnet("control-plane-net", $"{prefix}.{subnets + 1}.0/24");
        var workerNet = network.AddSubnet("worker-net", $"{prefix}.{subnets + 2}.0/24");
        var lbNet = network.AddSubnet("load-balancer-net", $"{prefix}.{subnets + 3}.0/24");

        // Time servers point at a test machine: the test network rule keeps NTP off the internet.
        builder.AddOperatingSystem().WithTimeServers($"{prefix}.{subnets + 1}.11");
        var cluster = builder.AddKubernetesCluster("lab");
        cluster.AddControlPlanes(controlPlanes, cpNet);
        cluster.AddWorkers("worker", workers, workerNet);
        cluster.AddEtcd().WithSource(EtcdSource.DistroPackage);
        cluster.AddCalico();
        cluster.AddLonghorn().WithDefaultStorageClass("standard", replicas: 1);
        if (loadBalancers > 0)
        {
            cluster.AddApiLoadBalancer("api", loadBalancers, lbNet, $"{prefix}.{subnets + 3}.5");
        }

        return builder;
    }
}
