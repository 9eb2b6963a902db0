using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer;
using Platform.Deployer.Backup;
using Platform.Deployer.Etcd;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Hosting.Validation;
using Platform.Lab.Machines;
using Platform.Lab.Monitoring;
using Platform.Lab.Observability;
using Platform.Lab.Resources;

namespace Platform.Lab.Substrates;

/// <summary>
/// The rehearsal of production: every machine of the model as a container that behaves like a VM
/// (systemd, sshd, one network per subnet), then the Deployer's pipeline over SSH exactly as on real VMs.
/// A kept lab is reused (its machines adopted, the Deployer resumes and changes only what differs) or replaced.
/// </summary>
public sealed class MachinesSubstrate(LabOptions options) : ILabSubstrate
{
    private MachineLab? _lab;
    private MachineJournals? _journals;
    private bool _keep;
    private string? _monitoringFailure;

    /// <inheritdoc />
    public LabSubstrateKind Kind => LabSubstrateKind.Machines;

    /// <summary>The machines, once started.</summary>
    public MachineLab? Lab => _lab;

    /// <summary>The followers of the machines' journals (into their console logs), once started.</summary>
    public MachineJournals? Journals => _journals;

    /// <summary>Prometheus and Alertmanager on the lab's monitoring machine, once they started; null without them.</summary>
    public LabMonitoring? Monitoring { get; private set; }

    /// <summary>Grafana, Elasticsearch, Kibana and Fluent Bit (those whose images are present), once monitoring started.</summary>
    public LabObservability? Observability { get; private set; }

    /// <summary>The Deployer's state folder of this lab (PKI, secrets, journal).</summary>
    public string DeployStatePath => Path.Combine(options.StateDirectory, "deploy");

    /// <summary>The Deployer's inventory of this lab, the snapshot target's host key pinned; null until the machines are up.</summary>
    public DeploymentInventory? Inventory { get; private set; }

    /// <summary>What an etcd operation (a dashboard command, a test) works on in this lab; null until the machines are up.</summary>
    public EtcdOperationScope? OperationScope(Action<string>? log = null)
        => Inventory is null ? null : new EtcdOperationScope(options.Model, Inventory, new StateFolder(DeployStatePath), DeployOptions()) { Log = log ?? (_ => { }) };

    /// <summary>The phases that ran (not skipped) in this lab's deployment.</summary>
    public IReadOnlySet<string> DeployedPhases { get; private set; } = new HashSet<string>();

    /// <summary>
    /// Adapts a model, before it is built, to lab machines: etcd from <paramref name="etcdSource"/> (they are offline,
    /// so the distribution's package by default), and time from the first control plane (they reach no public NTP
    /// server reliably, and tests must not try).
    /// </summary>
    public static void PrepareModel(IDistributedApplicationBuilder builder, EtcdSource etcdSource)
    {
        if (builder.Resources.OfType<EtcdClusterResource>().FirstOrDefault() is { } etcd)
        {
            builder.CreateResourceBuilder(etcd).WithSource(etcdSource);
        }

        // No admin sources for the lab: this host reaches a machine from the bridge gateway (.1) of the machine's own
        // subnet, which that subnet's rules already cover, while traffic between subnets arrives masqueraded to the
        // gateway of the subnet it came from. Making the gateways admin sources would open every port to every subnet.
        if (builder.Resources.OfType<OperatingSystemResource>().FirstOrDefault() is { } os)
        {
            try
            {
                var firstControlPlane = PlatformModel.Build(builder).PlanTopology().ControlPlanes.First();
                builder.CreateResourceBuilder(os).WithTimeServers(firstControlPlane.Address.ToString());
            }
            catch (Exception e) when (e is PlatformValidationException or InvalidOperationException)
            {
                // The model is broken or has no control plane; validation reports it before anything starts.
            }
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(LabResources resources, CancellationToken cancellationToken)
    {
        var model = options.Model;
        var key = await LabSshKey.EnsureAsync(options.StateDirectory, cancellationToken).ConfigureAwait(false);
        foreach (var machine in model.PlanTopology().Machines)
        {
            resources.Set(machine.Name, ResourceState.Starting, $"container for {machine.Role.ToName()} {machine.Address}");
        }

        resources.SetLab(ResourceState.Starting, "starting machines");
        var reused = await StartMachinesAsync(File.ReadAllText(key + ".pub"), line => LogMachineLine(resources, line), cancellationToken).ConfigureAwait(false);
        _journals = new MachineJournals(_lab!, resources.AppendLog);
        foreach (var machine in _lab!.Machines)
        {
            resources.Set(machine.Name, ResourceState.Running, $"{machine.Machine.Role.ToName()} at {machine.Machine.Address}, ssh {machine.SshHost}:{machine.SshPort}",
                [new ResourceEndpoint("ssh", $"ssh://root@{machine.SshHost}:{machine.SshPort}")]);
            resources.SetProperties(machine.Name, ("machine.address", machine.Machine.Address.ToString()), ("machine.role", machine.Machine.Role.ToName()), ("container.id", machine.ContainerId[..12]));
            await AppendBootLogAsync(resources, machine.Name, cancellationToken).ConfigureAwait(false);
            _journals.Follow(machine.Name);
        }

        foreach (var resource in model.Resources.Where(r => r is NetworkResource or SubnetResource))
        {
            resources.Set(resource.Name, ResourceState.Running, $"lab network ({(resource is SubnetResource s ? s.Cidr : ((NetworkResource)resource).Cidr)})");
        }

        var hostKey = await StartBackupTargetAsync(resources, cancellationToken).ConfigureAwait(false);
        Inventory = LabInventory.Create(_lab, key) with { BackupTargetHostKey = hostKey };
        resources.SetLab(ResourceState.Starting, $"{(reused ? "reused" : "started")} {_lab.Machines.Count} machines; deploying");
        // Monitoring boots alongside the deploy: it scrapes the targets as the phases bring them up.
        var monitoring = StartMonitoringAsync(resources, cancellationToken);
        await DeployAsync(resources, cancellationToken).ConfigureAwait(false);
        await monitoring.ConfigureAwait(false);
        PublishUrls(resources);
        PublishMonitoring(resources);
    }

    /// <inheritdoc />
    public void Keep() => _keep = true;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _journals?.Dispose();
        if (_lab is null)
        {
            return;
        }

        if (_keep)
        {
            _lab.Detach();
        }

        await _lab.DisposeAsync().ConfigureAwait(false);
        _lab = null;
    }

    /// <summary>Starts the machines, or adopts a kept lab; true when a kept lab was reused.</summary>
    private async Task<bool> StartMachinesAsync(string publicKey, Action<string> machineLog, CancellationToken cancellationToken)
    {
        var builder = new MachineLabBuilder().WithName(options.Name).WithEngine(options.Engine).WithModel(options.Model).WithImage(options.Image).WithAuthorizedKey(publicKey);
        var existing = await MachineLab.CountExistingAsync(options.Engine, options.Name, cancellationToken).ConfigureAwait(false);
        if (existing > 0 && options.Existing == ExistingLabPolicy.Reuse)
        {
            _lab = Observe(builder.Build(), machineLog);
            if (await _lab.AttachExistingAsync(cancellationToken).ConfigureAwait(false))
            {
                options.Progress($"Reusing the kept lab '{options.Name}' ({_lab.Machines.Count} machines); Lab:Replace=true starts afresh.");
                return true;
            }

            options.Progress($"The kept lab '{options.Name}' does not match the model's machines; replacing it.");
            _lab.Detach();
        }

        if (existing > 0)
        {
            var removed = await MachineLab.RemoveExistingAsync(options.Engine, options.Name, cancellationToken).ConfigureAwait(false);
            options.Progress($"Removed the kept lab '{options.Name}' ({removed} containers).");
        }

        // New machines have new host keys and nothing installed: forget the old ones and the old journal.
        File.Delete(KnownHostsPath);
        if (Directory.Exists(DeployStatePath))
        {
            File.Delete(new StateFolder(DeployStatePath).JournalPath);
        }

        _lab = Observe(builder.Build(), machineLog);
        options.Progress($"Starting {options.Model.PlanTopology().Machines.Count} machines for lab '{options.Name}' on {options.Engine}");
        await _lab.StartAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>The model's snapshot copy target as a lab-only machine (with the deployment's snapshot key authorised); its host key, or null without one.</summary>
    private async Task<string?> StartBackupTargetAsync(LabResources resources, CancellationToken cancellationToken)
    {
        if (BackupTargetMachine.For(options.Model) is not var (machine, target))
        {
            return null;
        }

        var keys = BackupKeys.LoadOrCreate(new StateFolder(DeployStatePath));
        var hostKey = await BackupTargetMachine.StartAsync(_lab!, machine, target, keys, cancellationToken).ConfigureAwait(false);
        if (resources.Has(BackupTargetMachine.Name) && _lab!.Find(BackupTargetMachine.Name) is { } started)
        {
            resources.Set(BackupTargetMachine.Name, ResourceState.Running, $"snapshot copy target {target.Destination} (lab only), ssh {started.SshHost}:{started.SshPort}; host key {hostKey[..Math.Min(hostKey.Length, 40)]}… pinned in the inventory",
                [new ResourceEndpoint("ssh", $"ssh://root@{started.SshHost}:{started.SshPort}")]);
            resources.SetProperties(BackupTargetMachine.Name, ("machine.address", machine.Address.ToString()), ("container.id", started.ContainerId[..12]));
        }

        return hostKey;
    }

    /// <summary>
    /// The lab-only monitoring machine with Prometheus and Alertmanager. A failure (its image missing) is reported on
    /// their resources and the lab goes on without them.
    /// </summary>
    private async Task StartMonitoringAsync(LabResources resources, CancellationToken cancellationToken)
    {
        try
        {
            if (LabMonitoring.PlanMachine(options.Model) is not { } machine)
            {
                return;
            }

            SetMonitoring(resources, ResourceState.Starting, $"starting the lab's monitoring machine at {machine.Address}");
            Monitoring = await LabMonitoring.StartAsync(_lab!, machine, options.Model, LabAlertTiming.Default, cancellationToken).ConfigureAwait(false);
            _journals!.Follow(machine.Name, LabMonitoring.Units);
            var grafanaPassword = new SecretStore(new StateFolder(DeployStatePath)).GrafanaAdminPassword;
            Observability = await LabObservability.StartAsync(_lab!, options.Model, Monitoring, grafanaPassword, resources.AppendLog, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlatformException or Docker.DotNet.DockerApiException)
        {
            _monitoringFailure = e.Message;
            options.Progress($"Monitoring is not running; the rest of the lab goes on. {e.Message}");
        }
    }

    /// <summary>Prometheus (the model's resource), Alertmanager and the monitoring machine: running with their URLs, or why not.</summary>
    private void PublishMonitoring(LabResources resources)
    {
        if (Monitoring is not { } monitoring || _lab!.Find(LabMonitoring.MachineName) is not { } machine)
        {
            if (_monitoringFailure is not null)
            {
                SetMonitoring(resources, ResourceState.Failed, _monitoringFailure);
            }

            return;
        }

        var where = $"on the lab-only machine {LabMonitoring.MachineName} ({monitoring.Machine.Address}); production runs it in the cluster (kube-prometheus-stack)";
        if (options.Model.Find<PrometheusResource>() is { } prometheus)
        {
            resources.Set(prometheus.Name, ResourceState.Running, $"Prometheus {where}, scraping every node_exporter, etcd member and HAProxy with the platform's rules (lab timing: LabAlertTiming)",
                [new ResourceEndpoint("ui", monitoring.PrometheusUrl.ToString()), new ResourceEndpoint("targets", new Uri(monitoring.PrometheusUrl, "targets").ToString()), new ResourceEndpoint("alerts", new Uri(monitoring.PrometheusUrl, "alerts").ToString())]);
        }

        if (resources.Has(LabMonitoring.AlertmanagerName))
        {
            resources.Set(LabMonitoring.AlertmanagerName, ResourceState.Running, $"Alertmanager {where}, receiving Prometheus's alerts", [new ResourceEndpoint("ui", monitoring.AlertmanagerUrl.ToString())]);
        }

        foreach (var (name, containers) in Observability?.Running ?? new Dictionary<string, IReadOnlyList<LabServiceContainer>>())
        {
            var placed = containers is [var one] ? $"at {one.Address} (lab container)" : $"beside each of the {containers.Count} machines (lab containers)";
            resources.Set(name, ResourceState.Running, $"{containers[0].Image} {placed}, provisioned from the model",
                [.. containers.Select(c => new ResourceEndpoint(c.Beside ?? "ui", c.Url.ToString()))]);
            resources.SetProperties(name, (CustomResourceKnownProperties.Source, containers[0].Image));
        }

        foreach (var (name, why) in Observability?.NotStarted ?? new Dictionary<string, string>())
        {
            resources.Set(name, ResourceState.Failed, why);
        }

        if (resources.Has(LabMonitoring.MachineName))
        {
            resources.Set(LabMonitoring.MachineName, ResourceState.Running, $"monitoring machine (lab only) at {monitoring.Machine.Address}, ssh {machine.SshHost}:{machine.SshPort}",
                [new ResourceEndpoint("ssh", $"ssh://root@{machine.SshHost}:{machine.SshPort}")]);
            resources.SetProperties(LabMonitoring.MachineName, ("machine.address", monitoring.Machine.Address.ToString()), ("container.id", machine.ContainerId[..12]));
        }
    }

    private void SetMonitoring(LabResources resources, ResourceState state, string detail)
    {
        foreach (var name in new[] { options.Model.Find<PrometheusResource>()?.Name, LabMonitoring.AlertmanagerName, LabMonitoring.MachineName }.OfType<string>().Where(resources.Has))
        {
            resources.Set(name, state, detail);
        }
    }

    private DeploymentOptions DeployOptions() => new()
    {
        DryRun = false,
        Parallelism = 8,
        AcceptNewHostKeys = true, // the lab made these machines a moment ago
        KnownHosts = new KnownHostsFile(KnownHostsPath),
        Selection = PhaseSelection.Parse([], options.SkipPhases, Pipeline.Phases),
    };

    private async Task DeployAsync(LabResources resources, CancellationToken cancellationToken)
    {
        var deploy = DeployOptions();
        DeployedPhases = Pipeline.Phases.Where(deploy.Selection.Includes).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var observer = new LabDeploymentObserver(resources, options.Model);
        var result = await Deployment.RunAsync(options.Model, Inventory!, new StateFolder(DeployStatePath), deploy, observer, cancellationToken).ConfigureAwait(false);
        observer.UpdateResources(finished: result.Failures.Count == 0);
        if (result.Failures.Count > 0)
        {
            var first = result.Failures[0];
            throw new LabStartException($"The Deployer failed on {result.Failures.Count} host(s) of lab '{options.Name}'; first: {first.Host} in {first.Phase}: {first.Error.Message} " +
                "The machines keep running; fix the cause and run again (a kept lab resumes with Lab:Keep=true), or skip phases with Lab:Skip.");
        }
    }

    /// <summary>The URLs a person opens: etcd's client endpoints, HAProxy's stats on each load balancer and on the VIP, node_exporter.</summary>
    private void PublishUrls(LabResources resources)
    {
        var topology = options.Model.PlanTopology();
        if (options.Model.Find<EtcdClusterResource>() is { } etcd && DeployedPhases.Contains("etcd"))
        {
            resources.SetUrls(etcd.Name, [.. topology.ControlPlanes.Select(m => new ResourceEndpoint($"client {m.Name}", $"https://{m.Address}:{EtcdClusterResource.ClientPort}"))]);
        }

        if (options.Model.Find<ApiLoadBalancerResource>() is { } api && DeployedPhases.Contains("load-balancer"))
        {
            resources.SetUrls(api.Name, [
                new ResourceEndpoint("stats (VIP)", $"http://{api.VirtualIp.Address}:{ApiLoadBalancerResource.StatsPort}/stats"),
                .. topology.LoadBalancers.Select(m => new ResourceEndpoint($"stats {m.Name}", $"http://{m.Address}:{ApiLoadBalancerResource.StatsPort}/stats")),
            ]);
        }

        if (DeployedPhases.Contains("prepare"))
        {
            foreach (var machine in _lab!.Machines)
            {
                resources.SetUrls(machine.Name, [
                    new ResourceEndpoint("ssh", $"ssh://root@{machine.SshHost}:{machine.SshPort}"),
                    new ResourceEndpoint("node_exporter", $"http://{machine.Machine.Address}:{NodeExporterVersions.Port}/metrics"),
                ]);
            }
        }
    }

    /// <summary>
    /// The machine's boot as systemd's journal has it (systemd logs there, not to the container's console), without
    /// kernel lines: a container shares the host's kernel, whose messages are not this machine's.
    /// </summary>
    private async Task AppendBootLogAsync(LabResources resources, string machine, CancellationToken cancellationToken)
    {
        var boot = await _lab!.ExecAsync(machine, ["sh", "-c", "journalctl --boot --no-pager --output=short-iso --no-hostname | grep -v ' kernel: ' | tail -n 80"], cancellationToken).ConfigureAwait(false);
        foreach (var line in boot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            resources.AppendLog(machine, "[boot] " + line.TrimEnd('\r'));
        }
    }

    private MachineLab Observe(MachineLab lab, Action<string> machineLog)
    {
        lab.Progress += options.Progress;
        lab.Progress += machineLog;
        return lab;
    }

    /// <summary>The machine lab's lines start with the machine's name ("cp-1: up at ..."): they go to that machine's log.</summary>
    private static void LogMachineLine(LabResources resources, string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && resources.Has(line[..colon]))
        {
            resources.AppendLog(line[..colon], line);
        }
    }

    private string KnownHostsPath => Path.Combine(options.StateDirectory, "known_hosts");
}
