using Aspire.Hosting;
using System.Collections.Concurrent;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Testing;

namespace Platform.Deployer.Tests.Phases;


public class DeploymentRunnerTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly PlatformModel _model = DeployerTestModels.Lab().BuildModel();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Plan_RecordsChangesWithoutPerformingThem()
    {
        var performed = new ConcurrentQueue<string>();
        var phase = new FakePhase("work", (step, ct) => step.ChangeAsync($"touch {step.Host.Name}", _ => { performed.Enqueue(step.Host.Name); return Task.CompletedTask; }, ct));

        var result = await RunAsync(dryRun: true, phase);

        Assert.Equal(7, result.Changes.Count);
        Assert.Contains(new Change("cp-1", "work", "touch cp-1"), result.Changes);
        Assert.Empty(performed);
        Assert.True(result.DryRun);
    }

    [Fact]
    public async Task Apply_PerformsTheSameChangesPlanListed()
    {
        var performed = new ConcurrentQueue<string>();
        FakePhase Phase() => new("work", (step, ct) => step.ChangeAsync($"touch {step.Host.Name}", _ => { performed.Enqueue(step.Host.Name); return Task.CompletedTask; }, ct));

        var plan = await RunAsync(dryRun: true, Phase());
        var apply = await RunAsync(dryRun: false, Phase());

        Assert.Equal(7, apply.Changes.Count);
        Assert.Equal(plan.Changes.OrderBy(c => c.Host), apply.Changes.OrderBy(c => c.Host));
        Assert.Equal(7, performed.Count);
    }

    [Fact]
    public async Task Apply_HostFails_OthersFinishThePhaseAndTheRunStops()
    {
        var first = new FakePhase("first", (step, _) => step.Host.Name == "worker-2" ? throw new RemoteCommandException("worker-2", "false", 1, "boom", retryable: false) : Task.CompletedTask);
        var second = new FakePhase("second");

        var result = await RunAsync(dryRun: false, first, second);

        Assert.Equal(7, first.Calls.Count(c => c.StartsWith("run", StringComparison.Ordinal)));
        Assert.DoesNotContain("finish", first.Calls);
        Assert.Empty(second.Calls);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("worker-2", "first"), (failure.Host, failure.Phase));
        Assert.False(failure.Retryable);
        Assert.Contains("worker-2: `false` exited with 1: boom", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_AfterAFailure_ResumesSkippingFinishedSteps()
    {
        var broken = true;
        FakePhase First() => new("first");
        FakePhase Second() => new("second", (step, _) => broken && step.Host.Name == "cp-2" ? throw new SshConnectionException("cp-2", "root@127.0.0.1:22", "connection lost", retryable: true) : Task.CompletedTask);

        var failed = await RunAsync(dryRun: false, First(), Second());
        broken = false;
        var first = First();
        var second = Second();
        var resumed = await RunAsync(dryRun: false, first, second);

        Assert.True(Assert.Single(failed.Failures).Retryable);
        Assert.DoesNotContain(first.Calls, c => c.StartsWith("run", StringComparison.Ordinal));
        Assert.Equal(["run cp-2"], second.Calls.Where(c => c.StartsWith("run", StringComparison.Ordinal)));
        Assert.Empty(resumed.Failures);
        Assert.Equal(7, resumed.Timings.Single(t => t.Phase == "first").Resumed);

        // A finished apply closes the journal: the next one runs every step again.
        var fresh = First();
        await RunAsync(dryRun: false, fresh);
        Assert.Equal(7, fresh.Calls.Count(c => c.StartsWith("run", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Apply_ChangedFingerprint_RerunsTheStepOnResume()
    {
        var failing = new FakePhase("second", (_, _) => throw new InvalidOperationException("x")) { Hosts = c => [c.Hosts.FirstControlPlane] };
        await RunAsync(dryRun: false, new FakePhase("first"), failing);

        var first = new FakePhase("first") { FingerprintValue = "v2" };
        await RunAsync(dryRun: false, first);

        Assert.Equal(7, first.Calls.Count(c => c.StartsWith("run", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_UnselectedPhase_IsSkippedButPrerequisitesRun()
    {
        var prerequisite = new FakePhase("connect", prerequisite: true);
        var skipped = new FakePhase("etcd");
        var selection = new PhaseSelection(new HashSet<string> { "other" }, new HashSet<string>());

        await RunAsync(dryRun: true, selection, prerequisite, skipped, new FakePhase("other"));

        Assert.Contains("run cp-1", prerequisite.Calls);
        Assert.Empty(skipped.Calls);
    }

    [Fact]
    public async Task Run_PrepareRunsBeforeHostsAndFinishAfter()
    {
        var phase = new FakePhase("ordered") { Hosts = c => [c.Hosts.FirstControlPlane] };

        await RunAsync(dryRun: false, phase);

        Assert.Equal(["prepare", "run cp-1", "finish"], phase.Calls);
    }

    [Fact]
    public async Task Graph_Siblings_RunSideBySide_AndTheirDependentWaitsForBoth()
    {
        var events = new ConcurrentQueue<string>();
        var etcdStarted = new TaskCompletionSource();
        var lbStarted = new TaskCompletionSource();
        // Each sibling waits until the other has started: run one after the other, they would time out.
        var etcd = new FakePhase("etcd", async (_, _) => { etcdStarted.TrySetResult(); await lbStarted.Task.WaitAsync(TimeSpan.FromSeconds(20)); events.Enqueue("etcd done"); }) { Hosts = c => [c.Hosts.FirstControlPlane] };
        var lb = new FakePhase("lb", async (_, _) => { lbStarted.TrySetResult(); await etcdStarted.Task.WaitAsync(TimeSpan.FromSeconds(20)); events.Enqueue("lb done"); }) { Hosts = c => [c.Hosts.LoadBalancers.First()] };
        var init = new FakePhase("init", (_, _) => { events.Enqueue("init"); return Task.CompletedTask; }) { Hosts = c => [c.Hosts.FirstControlPlane] };

        var result = await RunGraphAsync(dryRun: false, PhaseSelection.All, new(new FakePhase("prepare")), new(etcd, "prepare"), new(lb, "prepare"), new(init, "etcd", "lb"));

        Assert.Empty(result.Failures);
        Assert.Equal("init", events.Last());
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public async Task Graph_FailedPhase_StopsItsDependents_WhileTheIndependentBranchFinishes()
    {
        var etcdFailed = new TaskCompletionSource();
        var etcd = new FakePhase("etcd", (_, _) => { etcdFailed.TrySetResult(); throw new InvalidOperationException("etcd broke"); }) { Hosts = c => [c.Hosts.FirstControlPlane] };
        // The sibling is still running when etcd fails, and must still finish.
        var lb = new FakePhase("lb", (_, _) => etcdFailed.Task.WaitAsync(TimeSpan.FromSeconds(20))) { Hosts = c => c.Hosts.LoadBalancers };
        var afterEtcd = new FakePhase("after-etcd");
        var afterLb = new FakePhase("after-lb") { Hosts = c => c.Hosts.LoadBalancers };
        var init = new FakePhase("init");

        var result = await RunGraphAsync(dryRun: false, PhaseSelection.All,
            new(new FakePhase("prepare")), new(etcd, "prepare"), new(lb, "prepare"), new(afterEtcd, "etcd"), new(afterLb, "lb"), new(init, "after-etcd", "after-lb"));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(("cp-1", "etcd", "etcd broke"), (failure.Host, failure.Phase, failure.Error.Message));
        Assert.Equal(["finish", "prepare", "run lb-1", "run lb-2"], lb.Calls.Order(StringComparer.Ordinal));
        Assert.Equal(2, afterLb.Calls.Count(c => c.StartsWith("run", StringComparison.Ordinal)));
        Assert.Empty(afterEtcd.Calls);
        Assert.Empty(init.Calls);
        Assert.DoesNotContain(result.Timings, t => t.Phase is "after-etcd" or "init");
    }

    [Fact]
    public async Task Graph_UnselectedPhase_CountsAsDone_ForItsDependents()
    {
        var skipped = new FakePhase("etcd");
        var init = new FakePhase("init") { Hosts = c => [c.Hosts.FirstControlPlane] };

        var result = await RunGraphAsync(dryRun: true, new PhaseSelection(null, new HashSet<string> { "etcd" }), new(new FakePhase("prepare")), new(skipped, "prepare"), new(init, "etcd"));

        Assert.Empty(skipped.Calls);
        Assert.Equal(["prepare", "run cp-1", "finish"], init.Calls);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public async Task Graph_SiblingsOnTheSameHost_TakeTurnsOnIt()
    {
        var inFlight = new ConcurrentDictionary<string, int>();
        var most = 0;
        async Task Work(HostStep step, CancellationToken ct)
        {
            var now = inFlight.AddOrUpdate(step.Host.Name, 1, (_, n) => n + 1);
            InterlockedMax(ref most, now);
            await Task.Delay(20, ct);
            inFlight.AddOrUpdate(step.Host.Name, 0, (_, n) => n - 1);
        }

        var result = await RunGraphAsync(dryRun: false, PhaseSelection.All, new(new FakePhase("prepare")), new(new FakePhase("etcd", Work), "prepare"), new(new FakePhase("packages", Work), "prepare"));

        Assert.Empty(result.Failures);
        Assert.Equal(1, most);
    }

    [Fact]
    public void Graph_UnknownDependency_IsAClearError()
    {
        var e = Assert.Throws<PhaseGraphException>(() => PhaseGraph.Create([new(new FakePhase("prepare")), new(new FakePhase("etcd"), "prepar")]));

        Assert.Contains("'etcd' depends on unknown phase 'prepar'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Phases: prepare, etcd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_Cycle_IsAClearError()
    {
        var e = Assert.Throws<PhaseGraphException>(() => PhaseGraph.Create([new(new FakePhase("prepare")), new(new FakePhase("a"), "prepare", "b"), new(new FakePhase("b"), "a")]));

        Assert.Contains("cycle among 'a', 'b'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultGraph_EtcdAndLoadBalancerAreIndependent_InitNeedsBothAndThePackages()
    {
        var graph = PhaseGraph.Default;

        Assert.DoesNotContain("load-balancer", graph.WithDependencies("etcd"));
        Assert.DoesNotContain("etcd", graph.WithDependencies("load-balancer"));
        Assert.Equal(["etcd", "load-balancer", "kubernetes-packages"], graph["init"].DependsOn);
        Assert.Equal(Pipeline.Phases.Select(p => p.Name), graph.Phases.Select(p => p.Name));
        Assert.Equal(["addons", "cni", "verify"], graph.Dependents("join-workers").Order(StringComparer.Ordinal));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private async Task<DeploymentResult> RunGraphAsync(bool dryRun, PhaseSelection selection, params PipelinePhase[] graph)
    {
        var (inventory, state, options) = Setup(dryRun, selection);
        return await Deployment.RunAsync(_model, inventory, state, options, new DeploymentObserver(), PhaseGraph.Create(graph), CancellationToken.None);
    }

    private (DeploymentInventory, StateFolder, DeploymentOptions) Setup(bool dryRun, PhaseSelection selection)
    {
        var topology = _model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var state = new StateFolder(_dir.Combine("state"));
        var options = new DeploymentOptions { DryRun = dryRun, KnownHosts = new KnownHostsFile(_dir.Combine("known_hosts")), Selection = selection };
        return (inventory, state, options);
    }

    private Task<DeploymentResult> RunAsync(bool dryRun, params IPhase[] phases) => RunAsync(dryRun, PhaseSelection.All, phases);

    private async Task<DeploymentResult> RunAsync(bool dryRun, PhaseSelection selection, params IPhase[] phases)
    {
        var (inventory, state, options) = Setup(dryRun, selection);
        return await Deployment.RunAsync(_model, inventory, state, options, new DeploymentObserver(), CancellationToken.None, phases);
    }
}
