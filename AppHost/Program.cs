using Aspire.Hosting.ApplicationModel;

var builder = DistributedApplication.CreateBuilder(args);

// 1-2 Infrastructure and OS: one private network, a subnet per role, Ubuntu 24.04 everywhere.
var network = builder.AddNetwork("private", "10.20.0.0/16");
var controlPlaneNet = network.AddSubnet("control-plane-net", "10.20.1.0/24");
var workerNet = network.AddSubnet("worker-net", "10.20.2.0/24");
var edgeNet = network.AddSubnet("load-balancer-net", "10.20.3.0/24");
builder.AddOperatingSystem("ubuntu").WithPatchPolicy(PatchPolicy.SecurityOnly, rebootTime: "03:30");

// 3-4 Control plane and workers: kubeadm v1.30.3, etcd on every control plane, containerd workers.
var cluster = builder.AddKubernetesCluster("prod", KubernetesVersions.Default)
    .WithPodCidr("192.168.0.0/16").WithServiceCidr("10.96.0.0/12");
cluster.AddControlPlanes(3, controlPlaneNet);
var workers = cluster.AddWorkers("worker", 3, workerNet);
var etcd = cluster.AddEtcd();

// 5-7 Networking, storage, security.
cluster.AddCalico();
cluster.AddTraefik();
cluster.AddLonghorn().WithDefaultStorageClass("standard", replicas: 3);
cluster.AddRbac().WithAccessGroup("platform-admins", AccessLevel.PlatformAdmin)
    .WithAccessGroup("developers", AccessLevel.Developer, "apps").WithAccessGroup("auditors", AccessLevel.ReadOnly);
cluster.AddOidc("https://login.example.com/realms/platform", clientId: "kubernetes");
cluster.AddAuditPolicy();
cluster.AddNetworkPolicies("apps");
cluster.AddCertManager();

// 8 Monitoring and logging.
cluster.AddPrometheus().AddGrafana();
var logs = cluster.AddElasticsearch();
logs.AddKibana();
logs.AddFluentBit();

// 9-10 Availability, scale, backup.
cluster.AddApiLoadBalancer("api", 2, edgeNet, virtualIp: "10.20.3.5");
cluster.AddMetricsServer();
cluster.AddClusterAutoscaler(workers, min: 3, max: 10);
cluster.AddHorizontalPodAutoscaler("web", "apps", min: 2, max: 10, targetCpu: 70);
etcd.AddSnapshots(every: TimeSpan.FromHours(6), keep: 28, copyTo: "backup@10.20.3.50:/srv/etcd-snapshots");
cluster.AddVelero("platform-backups", "https://s3.example.com").WithSchedule("daily", "0 2 * * *", TimeSpan.FromDays(30));

// Run: the lab in the Aspire dashboard. Publish: every artifact. Deploy: the Deployer's phases over SSH.
builder.AddLab();
builder.AddDeployer();

builder.Build().Run();
