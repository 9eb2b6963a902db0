using Aspire.Hosting;
using Platform.Deployer;
using Platform.Deployer.Cli;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Hosting.Validation;
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
    private bool _keep;

    /// <inheritdoc />
    public LabSubstrateKind Kind => LabSubstrateKind.Machines;

    /// <summary>The machines, once started.</summary>
    public MachineLab? Lab => _lab;

    /// <summary>
    /// Adapts a model, before it is built, to lab machines: etcd from <paramref name="etcdSource"/> when given, and
    /// time from the first control plane (lab machines reach no public NTP server reliably, and tests must not).
    /// </summary>
    public static void PrepareModel(IDistributedApplicationBuilder builder, EtcdSource? etcdSource)
    {
        EtcdSourceOption.ApplyTo(builder, etcdSource);

        if (builder.Resources.OfType<OperatingSystemResource>().FirstOrDefault() is { } os)
        {
            try
            {
                var firstControlPlane = PlatformModel.Build(builder).PlanTopology().ControlPlanes.First();
                builder.CreateResourceBuilder(os).WithTimeServers(firstControlPlane.Address.ToString());
            }
            catch (PlatformValidationException)
            {
                // The model is broken; building it again later reports every error.
            }
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(ResourceStateStore store, CancellationToken cancellationToken)
    {
        var model = options.Model;
        var key = await LabSshKey.EnsureAsync(options.StateDirectory, cancellationToken).ConfigureAwait(false);
        foreach (var machine in model.PlanTopology().Machines)
        {
            store.AddMachine(machine);
            store.Set(machine.Name, ResourceState.Starting, $"container for {machine.Role.ToName()} {machine.Address}");
        }

        store.SetLab("starting machines", ready: false);
        var reused = await StartMachinesAsync(File.ReadAllText(key + ".pub"), line => LogMachineLine(store, line), cancellationToken).ConfigureAwait(false);
        foreach (var machine in _lab!.Machines)
        {
            store.SetMachineUp(machine.Machine, "root", machine.SshHost, machine.SshPort);
        }

        foreach (var resource in model.Resources.Where(r => r is NetworkResource or SubnetResource))
        {
            store.Set(resource.Name, ResourceState.Running, "lab network");
        }

        store.SetLab($"{(reused ? "reused" : "started")} {_lab.Machines.Count} machines; deploying", ready: false);
        await DeployAsync(store, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Probes whether the started lab is up: machines, etcd over TLS, the VIP (see <see cref="LabReadiness"/>).</summary>
    /// <exception cref="InvalidOperationException">The machines have not been started.</exception>
    public LabReadiness Readiness()
        => new(_lab ?? throw new InvalidOperationException("Start the lab first."), options.Model, new StateFolder(DeployStatePath));

    /// <inheritdoc />
    public void Keep() => _keep = true;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
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
                options.Progress($"Reusing the kept lab '{options.Name}' ({_lab.Machines.Count} machines); --replace starts afresh.");
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

    private async Task DeployAsync(ResourceStateStore store, string key, CancellationToken cancellationToken)
    {
        var deploy = new DeploymentOptions
        {
            DryRun = false,
            Parallelism = 8,
            AcceptNewHostKeys = true, // the lab made these machines a moment ago
            KnownHosts = new KnownHostsFile(KnownHostsPath),
            Selection = PhaseSelection.Parse([], options.SkipPhases, Pipeline.Phases),
        };
        var observer = new StoreDeploymentObserver(store, options.Model);
        var result = await Deployment.RunAsync(options.Model, LabInventory.Create(_lab!, key), new StateFolder(DeployStatePath), deploy,
            new CompositeObserver(observer, new ProgressLineObserver(options.Progress), options.DeploymentObserver ?? new DeploymentObserver()), cancellationToken).ConfigureAwait(false);
        observer.UpdateResources(finished: result.Failures.Count == 0);
        if (result.Failures.Count > 0)
        {
            var first = result.Failures[0];
            throw new LabStartException($"The Deployer failed on {result.Failures.Count} host(s) of lab '{options.Name}'; first: {first.Host} in {first.Phase}: {first.Error.Message} " +
                "The machines keep running while the dashboard is open; fix the cause and run again (the kept lab resumes with --keep), or skip phases with --skip.");
        }
    }

    private MachineLab Observe(MachineLab lab, Action<string> machineLog)
    {
        lab.Progress += options.Progress;
        lab.Progress += machineLog;
        return lab;
    }

    /// <summary>The machine lab's lines start with the machine's name ("cp-1: up at ..."): they go to that machine's log.</summary>
    private static void LogMachineLine(ResourceStateStore store, string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            store.AppendLog(line[..colon], line);
        }
    }

    private string KnownHostsPath => Path.Combine(options.StateDirectory, "known_hosts");

    private string DeployStatePath => Path.Combine(options.StateDirectory, "deploy");
}
