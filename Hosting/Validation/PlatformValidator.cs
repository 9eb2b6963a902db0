using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Validation;

/// <summary>Checks a whole model and returns every error, so one run shows everything to fix.</summary>
public static partial class PlatformValidator
{
    /// <summary>Validates the model; an empty list means it is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(PlatformModel model)
    {
        var errors = new List<ValidationError>();
        void Add(IResource? resource, string problem, string fix) => errors.Add(new ValidationError(resource?.ToString() ?? "Model", problem, fix));

        CheckNames(model, Add);
        var network = RequireOne<NetworkResource>(model, Add, "builder.AddNetwork(\"private\", \"10.20.0.0/16\")");
        var cluster = RequireOne<KubernetesClusterResource>(model, Add, "builder.AddKubernetesCluster(\"prod\")");
        var os = RequireOne<OperatingSystemResource>(model, Add, "builder.AddOperatingSystem(\"ubuntu\")");

        if (os is not null && !OperatingSystems.Supported.Contains((os.Distribution, os.Version)))
        {
            Add(os, $"{os.Distribution} {os.Version} is not supported.", "Use Ubuntu 24.04 (builder.AddOperatingSystem()).");
        }

        if (network is not null)
        {
            CheckAddressRanges(model, network, cluster, Add);
        }

        if (cluster is not null)
        {
            if (!KubernetesVersions.Supported.Contains(cluster.Version))
            {
                Add(cluster, $"Kubernetes {cluster.Version} is not supported.", $"Use one of: {string.Join(", ", KubernetesVersions.Supported)} (KubernetesVersions.Default).");
            }

            if (cluster.TryGetLastAnnotation<KubernetesPackageSourceAnnotation>(out var source) && !SafeValues.IsHttpUrl(source.Repository))
            {
                Add(cluster, $"The Kubernetes package mirror '{Printable(source.Repository)}' is not an absolute http(s) URL; it goes into apt's sources.", "Pass WithKubernetesPackageMirror an URL like https://mirror.internal/k8s/v1.30/deb/ with no spaces or quotes.");
            }

            CheckPools(model, Add);
            CheckControlPlaneEndpoint(model, Add);
            CheckAddOns(model, cluster, Add);
            CheckRbac(model, Add);
        }

        return errors;
    }

    private static T? RequireOne<T>(PlatformModel model, Action<IResource?, string, string> add, string example) where T : class, IResource
    {
        var all = model.OfType<T>().ToList();
        var kind = typeof(T).Name.Replace("Resource", "", StringComparison.Ordinal);
        if (all.Count == 0)
        {
            add(null, $"There is no {kind}.", $"Add one: {example}.");
            return null;
        }

        if (all.Count > 1)
        {
            add(all[1], $"The model has {all.Count} of {kind} ({string.Join(", ", all.Select(a => a.Name))}); a platform has exactly one.", $"Keep one {kind} and remove the others.");
        }

        return all[0];
    }

    private static void CheckNames(PlatformModel model, Action<IResource?, string, string> add)
    {
        // Aspire refuses a duplicate name when the resource is added.
        foreach (var resource in model.Resources.Where(r => !DnsLabel().IsMatch(r.Name)))
        {
            add(resource, $"The name '{resource.Name}' is not a DNS label; it becomes host names and Kubernetes object names.", "Use lowercase letters, digits and '-', starting with a letter, at most 40 characters.");
        }
    }

    private static void CheckAddressRanges(PlatformModel model, NetworkResource network, KubernetesClusterResource? cluster, Action<IResource?, string, string> add)
    {
        var subnets = model.OfType<SubnetResource>().ToList();
        foreach (var subnet in subnets.Where(s => !Contains(network.Cidr, s.Cidr)))
        {
            add(subnet, $"{subnet.Cidr} is not inside the network {network.Cidr}.", $"Pick a range inside {network.Cidr}, or widen the network.");
        }

        var ranges = subnets.Select(s => (Resource: (IResource)s, Label: $"subnet {s.Cidr}", Cidr: s.Cidr)).ToList();
        if (cluster is not null)
        {
            var net = cluster.ClusterNetwork;
            ranges.Add((cluster, $"pod CIDR {net.PodCidr}", net.PodCidr));
            ranges.Add((cluster, $"service CIDR {net.ServiceCidr}", net.ServiceCidr));
            foreach (var (label, cidr) in new[] { ("pod CIDR", net.PodCidr), ("service CIDR", net.ServiceCidr) })
            {
                if (Overlaps(cidr, network.Cidr))
                {
                    add(cluster, $"The {label} {cidr} overlaps the machine network {network.Cidr}; pods or services would shadow machines.", $"Move the {label} out of {network.Cidr}, for example 192.168.0.0/16 for pods and 10.96.0.0/12 for services.");
                }
            }
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = i + 1; j < ranges.Count; j++)
            {
                if (Overlaps(ranges[i].Cidr, ranges[j].Cidr))
                {
                    add(ranges[j].Resource, $"The {ranges[j].Label} overlaps the {ranges[i].Label} of {ranges[i].Resource}.", "Give every subnet, the pod CIDR and the service CIDR their own address range.");
                }
            }
        }
    }

    private static void CheckPools(PlatformModel model, Action<IResource?, string, string> add)
    {
        var pools = model.NodePools.ToList();
        var controlPlanes = pools.Where(p => p.Role == NodeRole.ControlPlane).ToList();
        if (controlPlanes.Count == 0)
        {
            add(model.Find<KubernetesClusterResource>(), "There is no control-plane pool.", "Add one: cluster.AddControlPlanes(3, controlPlaneSubnet).");
        }
        else if (controlPlanes.Count > 1)
        {
            add(controlPlanes[1], "There is more than one control-plane pool.", "Keep one control-plane pool and set its count.");
        }

        foreach (var pool in controlPlanes)
        {
            if (pool.Count <= 0 || pool.Count % 2 == 0)
            {
                add(pool, $"{pool.Count} control planes: etcd needs an odd count to keep a majority ({(pool.Count <= 0 ? "zero leaves no cluster" : $"{pool.Count} tolerates no more failures than {pool.Count - 1}")}).", "Use 3 (or 1 for small setups, 5 for large ones).");
            }
        }

        if (!pools.Any(p => p.Role == NodeRole.Worker))
        {
            add(model.Find<KubernetesClusterResource>(), "There is no worker pool.", "Add one: cluster.AddWorkers(\"worker\", 3, workerSubnet).");
        }

        foreach (var pool in pools)
        {
            if (pool.Role != NodeRole.ControlPlane && pool.Count < 1)
            {
                add(pool, $"The pool has {pool.Count} machines.", "Give it at least 1 machine, or remove it.");
            }

            var hosts = HostCount(pool.Subnet.Cidr);
            if (PlatformTopology.FirstPlannedHostNumber + pool.Count >= hosts)
            {
                add(pool, $"{pool.Count} machines do not fit in subnet '{pool.Subnet.Name}' ({pool.Subnet.Cidr}) after the {PlatformTopology.FirstPlannedHostNumber} reserved addresses.", "Use a larger subnet or fewer machines.");
            }

            if (pool.Size.Cpus < 2 || pool.Size.MemoryGiB < 2)
            {
                add(pool, $"Machines of {pool.Size} are below kubeadm's minimum of 2 vCPU and 2 GiB.", "Use MachineSize.Small or larger.");
            }
        }

        foreach (var group in pools.GroupBy(p => p.Subnet).Where(g => g.Select(p => p.Role).Distinct().Count() > 1))
        {
            add(group.Last(), $"Subnet '{group.Key.Name}' holds pools of different roles ({string.Join(", ", group.Select(p => $"{p.Name}: {p.Role.ToName()}"))}); firewalling by role needs one subnet per role.", "Give each role its own subnet.");
        }
    }

    private static void CheckControlPlaneEndpoint(PlatformModel model, Action<IResource?, string, string> add)
    {
        var loadBalancers = model.OfType<ApiLoadBalancerResource>().ToList();
        var controlPlanes = model.NodePools.FirstOrDefault(p => p.Role == NodeRole.ControlPlane);
        if (loadBalancers.Count == 0 && controlPlanes is { Count: > 1 })
        {
            add(controlPlanes, $"{controlPlanes.Count} control planes need one endpoint in front of their API servers.", "Add cluster.AddApiLoadBalancer(\"api\", 2, lbSubnet, virtualIp: \"...\").");
        }

        if (loadBalancers.Count > 1)
        {
            add(loadBalancers[1], "There is more than one API load balancer.", "Keep one.");
        }

        var planned = model.NodePools.All(p => p.Annotations.OfType<NodeCountAnnotation>().Any()) ? PlatformTopology.Plan(model).Machines : [];
        foreach (var lb in loadBalancers)
        {
            var vip = lb.VirtualIp;
            var subnet = lb.Pool.Subnet;
            if (!subnet.Cidr.Contains(vip.Address))
            {
                add(lb, $"The VIP {vip.Address} is outside the load-balancer subnet '{subnet.Name}' ({subnet.Cidr}); keepalived can only announce it on that segment.", $"Pick a free address in {subnet.Cidr}, for example {PlatformTopology.HostAddress(subnet.Cidr, 5)}.");
            }
            else if (planned.FirstOrDefault(m => m.Address.Equals(vip.Address)) is { } clash)
            {
                add(lb, $"The VIP {vip.Address} is the planned address of machine '{clash.Name}'.", $"Pick an address below host number {PlatformTopology.FirstPlannedHostNumber + 1}, for example {PlatformTopology.HostAddress(subnet.Cidr, 5)}.");
            }

            if (vip.Interface is { } nic && !SafeValues.IsInterfaceName(nic))
            {
                add(lb, $"The VIP interface '{Printable(nic)}' is not a network interface name; it goes into keepalived.conf.", "Use the interface's name, e.g. eth0 or ens3 (letters, digits, '.', '_', '-'; at most 15).");
            }

            if (vip.VirtualRouterId is < 1 or > 255)
            {
                add(lb, $"VRRP router id {vip.VirtualRouterId} is out of range.", "Use 1-255 (WithVirtualRouterId).");
            }

            if (lb.Pool.Count < 2)
            {
                add(lb.Pool, $"{lb.Pool.Count} load balancer leaves the VIP with no failover.", "Use 2 load balancers.");
            }
        }
    }

    private static void CheckAddOns(PlatformModel model, KubernetesClusterResource cluster, Action<IResource?, string, string> add)
    {
        if (model.Find<EtcdClusterResource>() is null && !model.OfType<EtcdClusterResource>().Any())
        {
            add(cluster, "There is no etcd.", "Add cluster.AddEtcd(); it runs on every control plane.");
        }

        var cnis = model.OfType<CniResource>().ToList();
        if (cnis.Count != 1)
        {
            add(cluster, cnis.Count == 0 ? "There is no CNI; pods get no network." : $"There are {cnis.Count} CNIs ({string.Join(", ", cnis.Select(c => c.Name))}).", "Add exactly one: cluster.AddCalico() (or AddFlannel()).");
        }

        if (cnis.Any(c => c.Plugin == CniPlugin.Flannel) && model.OfType<NetworkPolicyResource>().Any())
        {
            add(model.OfType<NetworkPolicyResource>().First(), "Flannel does not enforce NetworkPolicies; these would silently do nothing.", "Use cluster.AddCalico(), or remove AddNetworkPolicies.");
        }

        var defaults = model.OfType<CsiDriverResource>().SelectMany(c => c.StorageClasses.Where(s => s.IsDefault).Select(s => (Driver: c, Class: s))).ToList();
        if (defaults.Count == 0)
        {
            add((IResource?)model.OfType<CsiDriverResource>().FirstOrDefault() ?? cluster, "There is no default StorageClass; PVCs without a class would stay Pending.", "Add cluster.AddLonghorn().WithDefaultStorageClass(\"standard\").");
        }
        else if (defaults.Count > 1)
        {
            add(defaults[1].Driver, $"{defaults.Count} StorageClasses are marked default ({string.Join(", ", defaults.Select(d => d.Class.Name))}).", "Mark exactly one StorageClass as default.");
        }

        foreach (var ingress in model.OfType<IngressNginxResource>())
        {
            foreach (var port in new[] { ingress.HttpNodePort, ingress.HttpsNodePort }.Where(p => p is < 30000 or > 32767))
            {
                add(ingress, $"NodePort {port} is outside the NodePort range 30000-32767.", "Pick ports in 30000-32767 (WithNodePorts).");
            }
        }

        foreach (var snapshots in model.OfType<EtcdSnapshotResource>())
        {
            var schedule = snapshots.Schedule;
            if (schedule.Every < TimeSpan.FromMinutes(5))
            {
                add(snapshots, $"A snapshot every {schedule.Every} would overlap the previous one.", "Take snapshots at most every 5 minutes; every 6 hours is usual.");
            }

            if (schedule.Keep < 1)
            {
                add(snapshots, $"keep: {schedule.Keep} deletes every snapshot.", "Keep at least 1 (28 is 7 days at 6-hour intervals).");
            }

            if (schedule.CopyTo is { } target && !SafeValues.IsRsyncTarget(target))
            {
                // It reaches a root shell on every control plane: only plain names, no quotes, spaces or $(...).
                add(snapshots, $"copyTo '{Printable(target)}' is not an rsync-over-SSH destination.", "Write copyTo as user@host:/absolute/path using only letters, digits, '.', '_', '-' and '/'.");
            }
        }

        foreach (var autoscaler in model.OfType<ClusterAutoscalerResource>())
        {
            var scaling = autoscaler.Scaling;
            if (autoscaler.Workers.Role != NodeRole.Worker)
            {
                add(autoscaler, $"It scales pool '{autoscaler.Workers.Name}', which is not a worker pool.", "Pass the worker pool returned by AddWorkers.");
            }

            if (scaling.Min < 0 || scaling.Min > scaling.Max || autoscaler.Workers.Count < scaling.Min || autoscaler.Workers.Count > scaling.Max)
            {
                add(autoscaler, $"Bounds min {scaling.Min}, max {scaling.Max} do not hold the pool's {autoscaler.Workers.Count} machines.", "Use 0 <= min <= pool count <= max.");
            }
        }

        foreach (var hpa in model.OfType<HorizontalPodAutoscalerResource>())
        {
            var s = hpa.Scaling;
            if (s.MinReplicas < 1 || s.MinReplicas > s.MaxReplicas)
            {
                add(hpa, $"Replicas min {s.MinReplicas}, max {s.MaxReplicas} are not a range.", "Use 1 <= min <= max.");
            }

            if (s.TargetCpuUtilization is < 1 or > 100)
            {
                add(hpa, $"A CPU target of {s.TargetCpuUtilization}% is out of range.", "Use 1-100, 70 is usual.");
            }
        }

        if (model.OfType<HorizontalPodAutoscalerResource>().Any() && !model.OfType<MetricsServerResource>().Any())
        {
            add(model.OfType<HorizontalPodAutoscalerResource>().First(), "HPAs read CPU from metrics-server, which is not in the model.", "Add cluster.AddMetricsServer().");
        }

        foreach (var velero in model.OfType<VeleroResource>().Where(v => string.IsNullOrWhiteSpace(v.Location.Bucket)))
        {
            add(velero, "The backup bucket is empty.", "Pass a bucket name to AddVelero.");
        }
    }

    private static bool Contains(IPNetwork outer, IPNetwork inner) => outer.PrefixLength <= inner.PrefixLength && outer.Contains(inner.BaseAddress);

    private static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    private static long HostCount(IPNetwork network) => 1L << (32 - network.PrefixLength);

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    /// <summary>The value with control characters shown as '?', so an error message cannot be split or hide a payload.</summary>
    private static string Printable(string value) => new([.. value.Select(c => char.IsControl(c) ? '?' : c)]);
}
