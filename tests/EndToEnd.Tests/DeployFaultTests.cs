using System.Collections.Concurrent;
using Aspire.Hosting;
using Platform.Deployer.Hosts;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Faults and bad input against real machines (one control plane and two workers), through the Deployer library
/// the pipeline steps use: <see cref="DeploymentInput"/> from Deploy:* options, then the runner. (A machine
/// stopped in the middle of dpkg can leave a package that dpkg cannot configure again; that fault is not
/// rehearsed here: the machines boot the ready image, and the stop lands while prepare writes and starts services.)
/// </summary>
public sealed class DeployFaultTests(DeployFaultTests.ThreeMachines machines) : IClassFixture<DeployFaultTests.ThreeMachines>
{
    private const string Prefix = "10.78";
    private const string HostPhasesOnly = DeployOnMachinesTests.KubernetesPhases + ",load-balancer";

    [RequiresMachinesFact("ssh-keygen")]
    public async Task MachineStoppedMidApply_ItsFailureIsReportedOthersFinish_ThenApplyResumesAndConverges()
    {
        var lab = machines.Fixture;
        using var dir = new TempFolder();
        var input = Input(dir);
        var stopped = new TaskCompletionSource();

        var first = await DeployRuns.RunAsync(input, dryRun: false, new StopOnStart(lab, "worker-2", "prepare", stopped));
        await stopped.Task;
        await lab.Lab.StartMachineAsync("worker-2"); // before asserting: a failed assert must not leave the shared machines broken

        var failure = Assert.Single(first.Failures);
        Assert.Equal(("worker-2", "prepare"), (failure.Host, failure.Phase));
        Assert.True(failure.Retryable, failure.Error.Message);
        Assert.Contains("worker-2", failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Timings, t => t.Phase == "etcd");
        var prepare = first.Timings.Single(t => t.Phase == "prepare");
        Assert.Equal((3, 1), (prepare.Hosts, prepare.Failures));

        Assert.True(Journal.Open(new StateFolder(input.StatePath).JournalPath).IsResume);
        var events = new Recorder();
        var resumed = await DeployRuns.RunAsync(Input(dir), dryRun: false, events);
        var plan = await DeployRuns.RunAsync(Input(dir), dryRun: true);

        Assert.Empty(resumed.Failures);
        Assert.Contains("resumed prepare cp-1", events.Lines);
        Assert.Contains("finished prepare worker-2", events.Lines); // run again, not skipped as done
        Assert.DoesNotContain("resumed prepare worker-2", events.Lines);
        Assert.Equal(2, resumed.Timings.Single(t => t.Phase == "prepare").Resumed);
        Assert.Empty(plan.Failures);
        Assert.Empty(plan.Changes);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task HostKeyChanged_PlanRefusesThatHostAndSaysWhy()
    {
        using var dir = new TempFolder();
        var pin = await DeployRuns.RunAsync(Input(dir), dryRun: true);
        Assert.Empty(pin.Failures);

        // The machine is "rebuilt": new host keys.
        var rekey = await machines.Fixture.Lab.ExecAsync("cp-1", ["sh", "-c", "rm -f /etc/ssh/ssh_host_* && ssh-keygen -A && systemctl restart ssh"]);
        Assert.Equal(0, rekey.ExitCode);
        var plan = await DeployRuns.RunAsync(Input(dir), dryRun: true);

        var failure = Assert.Single(plan.Failures);
        Assert.Equal(("cp-1", "connect", false), (failure.Host, failure.Phase, failure.Retryable));
        Assert.Contains("cp-1 (root@127.0.0.1:", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("HOST KEY CHANGED", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-keygen -R", failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Timings, t => t.Phase == "os");
    }

    [RequiresMachinesFact("ssh-keygen")]
    public void MalformedInventory_ClearErrorAndNothingIsTouched()
    {
        using var dir = new TempFolder();
        var inventory = dir.Combine("inventory.yaml");
        File.WriteAllText(inventory, File.ReadAllText(machines.Fixture.WriteInventory()).Replace("role: worker", "role: minion", StringComparison.Ordinal).Replace("address:", "adress:", StringComparison.Ordinal));

        var e = Assert.Throws<InventoryException>(() => DeployRuns.Input(Model().Resources, inventory, dir.Combine("state"), dir.Combine("known_hosts")));

        Assert.Contains($"Inventory {inventory} has 1 problem; nothing was touched", e.Message, StringComparison.Ordinal);
        Assert.Contains("'adress'", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("state")));
        Assert.False(File.Exists(dir.Combine("known_hosts")));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public void BadDeployOptions_EveryProblemNamedWithItsFix_NothingIsTouched()
    {
        using var dir = new TempFolder();

        var e = Assert.Throws<DeployInputException>(() => DeployRuns.Input(Model().Resources, dir.Combine("missing.yaml"), dir.Combine("state"), dir.Combine("known_hosts"), skip: "conect"));

        Assert.Contains("Deploy:Skip: Unknown phase 'conect'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"Parameters:inventory: the file '{dir.Combine("missing.yaml")}' does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("state")));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task KubernetesPackageSourceUnreachable_FailsFastNamingItAndChangesNothing()
    {
        using var dir = new TempFolder();
        // Port 9 on each machine's own loopback is closed: unreachable without sending traffic anywhere else.
        const string mirror = "http://127.0.0.1:9/kubernetes/v1.30/deb/";
        var builder = Model();
        builder.CreateResourceBuilder(builder.Resources.OfType<KubernetesClusterResource>().Single()).WithKubernetesPackageMirror(mirror);

        var apply = await DeployRuns.RunAsync(DeployRuns.Input(builder.Resources, machines.Fixture.WriteInventory(), dir.Combine("state"), dir.Combine("known_hosts")), dryRun: false, only: "kubernetes-packages");
        var sources = await machines.Fixture.Lab.ExecAsync("cp-1", ["ls", "/etc/apt/sources.list.d/"]);

        Assert.NotEmpty(apply.Failures);
        Assert.All(apply.Failures, f => Assert.Equal("kubernetes-packages", f.Phase));
        Assert.Contains($"the Kubernetes package repository {mirror} is not reachable from this machine", apply.Failures[0].Error.Message, StringComparison.Ordinal);
        Assert.Contains("WithKubernetesPackageMirror", apply.Failures[0].Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kubernetes.list", sources.Output, StringComparison.Ordinal);
    }

    [RequiresKubernetesPackagesFact]
    public async Task KubeadmPhases_WithReachableMirrors_InitJoinAndNodesReady()
    {
        using var dir = new TempFolder();
        var builder = Model();
        builder.CreateResourceBuilder(builder.Resources.OfType<KubernetesClusterResource>().Single())
            .WithKubernetesPackageMirror(Environment.GetEnvironmentVariable(RequiresKubernetesPackagesFactAttribute.AptMirrorVariable)!);

        var apply = await DeployRuns.RunAsync(DeployRuns.Input(builder.Resources, machines.Fixture.WriteInventory(), dir.Combine("state"), dir.Combine("known_hosts"), skip: "load-balancer"), dryRun: false);

        Assert.True(apply.Failures.Count == 0, string.Join("\n", apply.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
    }

    private DeploymentInput Input(TempFolder dir)
        => DeployRuns.Input(Model().Resources, machines.Fixture.WriteInventory(), dir.Combine("state"), dir.Combine("known_hosts"), skip: HostPhasesOnly);

    private static IDistributedApplicationBuilder Model() => DeployerTestModels.Lab(controlPlanes: 1, workers: 2, loadBalancers: 0, prefix: Prefix);

    /// <summary>Powers a machine off as soon as a phase starts on it.</summary>
    private sealed class StopOnStart(MachineLabFixture lab, string host, string phase, TaskCompletionSource stopped) : DeploymentObserver
    {
        public override void HostStarted(IPhase started, DeployHost deployHost)
        {
            if (started.Name == phase && deployHost.Name == host)
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(0.5));
                    await lab.Lab.StopMachineAsync(host);
                    stopped.TrySetResult();
                });
            }
        }
    }

    /// <summary>Records resumed host steps.</summary>
    private sealed class Recorder : DeploymentObserver
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public override void HostResumed(IPhase phase, DeployHost host) => Lines.Enqueue($"resumed {phase.Name} {host.Name}");

        public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error)
            => Lines.Enqueue($"{(error is null ? "finished" : "failed")} {phase.Name} {host.Name}");
    }

    /// <summary>The machines of this class.</summary>
    public sealed class ThreeMachines : IAsyncLifetime
    {
        public MachineLabFixture Fixture { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            if (MachineTestEnvironment.Missing is null || RequiredTools.Strict)
            {
                Fixture = await MachineLabFixture.StartAsync(Model().BuildModel());
            }
        }

        public async Task DisposeAsync()
        {
            if (Fixture is not null)
            {
                await Fixture.DisposeAsync();
            }
        }
    }
}
