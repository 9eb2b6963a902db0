using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer;
using Platform.Deployer.Backup;
using Platform.Deployer.Etcd;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Lab.Machines;
using Platform.Lab.Substrates;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Etcd;

/// <summary>
/// The model's three control planes (only they: etcd is all these tests need) with etcd 3.5 over TLS from the ready image,
/// snapshots copied to a lab-only backup target, deployed by the Deployer: where the etcd operations are tested. One per class.
/// </summary>
public sealed class EtcdLab : IAsyncLifetime
{
    /// <summary>The address prefix (the 10.90-10.94 range is this work's).</summary>
    public const string Prefix = "10.91";

    /// <summary>The snapshot copy target of the model.</summary>
    public const string CopyTo = $"backup@{Prefix}.1.50:/srv/etcd-snapshots";

    private MachineLabFixture? _lab;

    /// <summary>The model.</summary>
    public PlatformModel Model { get; } = Build();

    /// <summary>The machines.</summary>
    public MachineLab Machines => _lab!.Lab;

    /// <summary>The Deployer's state folder.</summary>
    public StateFolder State { get; private set; } = null!;

    /// <summary>The bound inventory (the target's host key pinned).</summary>
    public Platform.Deployer.Inventory.DeploymentInventory Inventory { get; private set; } = null!;

    /// <summary>A scope for an operation, confirming <paramref name="confirmed"/>.</summary>
    public EtcdOperationScope Scope(params string[] confirmed) => new(Model, Inventory, State, Options) { Confirmed = confirmed, Log = Console.WriteLine };

    /// <summary>How the operations connect.</summary>
    public DeploymentOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _lab = await MachineLabFixture.StartAsync(Model, progress: Console.WriteLine, only: [NodeRole.ControlPlane]);
        State = new StateFolder(_lab.Directory.Combine("state"));
        var (machine, target) = BackupTargetMachine.For(Model)!.Value;
        var hostKey = await BackupTargetMachine.StartAsync(Machines, machine, target, BackupKeys.LoadOrCreate(State), CancellationToken.None);
        Inventory = _lab.Inventory with { BackupTargetHostKey = hostKey };
        Options = new DeploymentOptions
        {
            DryRun = false,
            AcceptNewHostKeys = true,
            KnownHosts = new KnownHostsFile(_lab.Directory.Combine("known_hosts")),
            Selection = PhaseSelection.Parse(["prepare", "etcd"], [], Pipeline.Phases),
        };
        var deploy = await Deployment.RunAsync(Model, Inventory, State, Options, new DeploymentObserver(), CancellationToken.None);
        Assert.True(deploy.Failures.Count == 0, string.Join("\n", deploy.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
    }

    /// <summary>Runs a shell command on a machine (outside SSH) and returns its output; fails the test when it fails.</summary>
    public async Task<string> ShAsync(string machine, string command)
    {
        var result = await Machines.ExecAsync(machine, ["sh", "-c", command]);
        Assert.True(result.ExitCode == 0, $"{machine}: {command}: exit {result.ExitCode}: {result.Error}{result.Output}");
        return result.Output;
    }

    /// <summary>etcdctl on a control plane against the whole cluster.</summary>
    public Task<string> EtcdctlAsync(string machine, string arguments)
        => ShAsync(machine, $"ETCDCTL_API=3 etcdctl --endpoints={string.Join(',', Model.PlanTopology().ControlPlanes.Select(m => $"https://{m.Address}:2379"))} --cacert={EtcdPaths.CaCertificate} --cert={EtcdPaths.AdminClientCertificate} --key={EtcdPaths.AdminClientKey} --command-timeout=10s {arguments}");

    /// <summary>Waits (at most 2 minutes) until every member answers healthy.</summary>
    public async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var result = await Machines.ExecAsync("cp-1", ["sh", "-c", $"ETCDCTL_API=3 etcdctl --endpoints={string.Join(',', Model.PlanTopology().ControlPlanes.Select(m => $"https://{m.Address}:2379"))} --cacert={EtcdPaths.CaCertificate} --cert={EtcdPaths.AdminClientCertificate} --key={EtcdPaths.AdminClientKey} --command-timeout=5s endpoint health"]);
            if (result.ExitCode == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"etcd not healthy within 2 minutes: {result.Error}{result.Output}");
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }

    private static PlatformModel Build()
    {
        var builder = DeployerTestModels.Lab(prefix: Prefix);
        builder.CreateResourceBuilder(builder.Resources.OfType<EtcdClusterResource>().Single()).AddSnapshots(TimeSpan.FromHours(6), keep: 5, copyTo: CopyTo);
        return builder.BuildModel();
    }
}
