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

    private Task<DeploymentResult> RunAsync(bool dryRun, params IPhase[] phases) => RunAsync(dryRun, PhaseSelection.All, phases);

    private async Task<DeploymentResult> RunAsync(bool dryRun, PhaseSelection selection, params IPhase[] phases)
    {
        var topology = _model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var state = new StateFolder(_dir.Combine("state"));
        var options = new DeploymentOptions { DryRun = dryRun, KnownHosts = new KnownHostsFile(_dir.Combine("known_hosts")), Selection = selection };
        return await Deployment.RunAsync(_model, inventory, state, options, new DeploymentObserver(), CancellationToken.None, phases);
    }
}
