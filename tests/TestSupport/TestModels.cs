using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Testing;

/// <summary>Models the tests build: the production shape, and a one-control-plane small setup.</summary>
public static class TestModels
{
    /// <summary>The production platform: 3 control planes, 3 workers, 2 load balancers, every layer.</summary>
    public static IDistributedApplicationBuilder Production(Action<IDistributedApplicationBuilder>? tweak = null)
    {
        var builder = DistributedApplication.CreateBuilder();
        var network = builder.AddNetwork("private", "10.20.0.0/16");
        var cpNet = network.AddSubnet("control-plane-net", "10.20.1.0/24");
        var workerNet = network.AddSubnet("worker-net", "10.20.2.0/24");
        var lbNet = network.AddSubnet("load-balancer-net", "10.20.3.0/24");
        builder.AddOperatingSystem("ubuntu").WithPatchPolicy(PatchPolicy.SecurityOnly, "03:30");
        var cluster = builder.AddKubernetesCluster("prod");
        cluster.AddControlPlanes(3, cpNet);
        var workers = cluster.AddWorkers("worker", 3, workerNet);
        var etcd = cluster.AddEtcd();
        cluster.AddCalico();
        cluster.AddTraefik();
        cluster.AddLonghorn().WithDefaultStorageClass("standard", replicas: 3);
        cluster.AddRbac().WithAccessGroup("platform-admins", AccessLevel.PlatformAdmin)
            .WithAccessGroup("developers", AccessLevel.Developer, "apps").WithAccessGroup("auditors", AccessLevel.ReadOnly);
        cluster.AddOidc("https://login.example.com/realms/platform", "kubernetes");
        cluster.AddAuditPolicy();
        cluster.AddNetworkPolicies("apps");
        cluster.AddCertManager();
        cluster.AddPrometheus().AddGrafana();
        var logs = cluster.AddElasticsearch();
        logs.AddKibana();
        logs.AddFluentBit();
        cluster.AddApiLoadBalancer("api", 2, lbNet, "10.20.3.5");
        cluster.AddMetricsServer();
        cluster.AddClusterAutoscaler(workers, 3, 10);
        cluster.AddHorizontalPodAutoscaler("web", "apps", 2, 10, 70);
        etcd.AddSnapshots(TimeSpan.FromHours(6), 28, "backup@10.20.3.50:/srv/etcd-snapshots");
        cluster.AddVelero("platform-backups", "https://s3.example.com").WithSchedule("daily", "0 2 * * *", TimeSpan.FromDays(30));
        tweak?.Invoke(builder);
        return builder;
    }

    /// <summary>A small setup: one control plane, one worker, no load balancer; <paramref name="tweak"/> adds to its cluster.</summary>
    public static IDistributedApplicationBuilder Small(Action<IResourceBuilder<KubernetesClusterResource>>? tweak = null)
    {
        var builder = DistributedApplication.CreateBuilder();
        var network = builder.AddNetwork("private", "10.30.0.0/16");
        var cpNet = network.AddSubnet("control-plane-net", "10.30.1.0/24");
        var workerNet = network.AddSubnet("worker-net", "10.30.2.0/24");
        builder.AddOperatingSystem();
        var cluster = builder.AddKubernetesCluster("small");
        cluster.AddControlPlanes(1, cpNet);
        cluster.AddWorkers("worker", 1, workerNet);
        cluster.AddEtcd();
        cluster.AddCalico();
        cluster.AddLonghorn().WithDefaultStorageClass("standard", replicas: 1);
        tweak?.Invoke(cluster);
        return builder;
    }
}
