using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Nodes;

/// <summary>
/// <c>aspire do reset</c> and <c>aspire destroy</c>'s operation on real machines (one control plane with etcd, two
/// workers), deployed first with every host phase that runs here: planned until confirmed, then the named host back to a
/// clean OS (checked by the facts phase and, here, outside the Deployer), re-added by a normal deploy; destroy cleans all.
/// </summary>
public sealed class ResetTests(ITestOutputHelper output) : IAsyncLifetime
{
    private NodeLab _lab = null!;

    public async Task InitializeAsync() => _lab = await NodeLab.StartAsync(block: 1, controlPlanes: 1, workers: 2, loadBalancers: 0);

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Reset_PlannedUntilConfirmed_LeavesNothing_HostReAddedByDeploy_ThenDestroyCleansEveryHost()
    {
        var model = _lab.Model(1, 2, 0);
        var inventory = _lab.Inventory();
        var deploy = await DeployRuns.RunAsync(_lab.Input(model, inventory), dryRun: false);
        Assert.True(deploy.Failures.Count == 0, Failures(deploy));
        Assert.Contains("package containerd", await _lab.LeftoversAsync("worker-2"), StringComparison.Ordinal);

        // 1. Not confirmed: the plan names worker-2 only, and nothing changes.
        var refused = await Assert.ThrowsAsync<OperationNotConfirmedException>(() => NodeOperations.RunAsync(new HostReset(), _lab.Input(model, inventory, ("Hosts", "worker-2")), new DeploymentObserver(), "aspire do reset", CancellationToken.None));
        output.WriteLine(refused.Message);
        Assert.StartsWith("reset was planned, not applied: nothing changed. It would stop and remove the platform's units", refused.Message, StringComparison.Ordinal);
        Assert.Contains("on worker-2 ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--Deploy:Confirm=reset", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["worker-2"], refused.Plan!.Contacted);
        Assert.All(refused.Plan.Changes, c => Assert.Equal("worker-2", c.Host));
        Assert.Contains(refused.Plan.Changes, c => c.Description.StartsWith("purge packages ", StringComparison.Ordinal) && c.Description.Contains("containerd", StringComparison.Ordinal));
        Assert.Contains("package containerd", await _lab.LeftoversAsync("worker-2"), StringComparison.Ordinal);

        // 2. Bad input: an unknown host is named with the machines there are; nothing is contacted.
        var unknown = await Assert.ThrowsAsync<DeployInputException>(() => NodeOperations.RunAsync(new HostReset(), _lab.Input(model, inventory, ("Hosts", "worker-9"), ("Confirm", "reset")), new DeploymentObserver(), "aspire do reset", CancellationToken.None));
        Assert.Contains("Deploy:Hosts: 'worker-9' is not in the inventory (machines: cp-1, worker-1, worker-2)", unknown.Message, StringComparison.Ordinal);

        // 3. Confirmed: worker-2 is reset (its facts then find nothing), the others are not contacted.
        var reset = await NodeOperations.RunAsync(new HostReset(), _lab.Input(model, inventory, ("Hosts", "worker-2"), ("Confirm", "reset")), new DeploymentObserver(), "aspire do reset", CancellationToken.None);
        output.WriteLine(string.Join("\n", reset.Changes));
        Assert.True(reset.Failures.Count == 0, Failures(reset));
        Assert.Equal(["worker-2"], reset.Contacted);
        Assert.Contains(reset.Timings, t => t.Phase == "reset-check" && t.Hosts == 1);
        Assert.Equal("", await _lab.LeftoversAsync("worker-2"));
        Assert.Contains("package containerd", await _lab.LeftoversAsync("worker-1"), StringComparison.Ordinal);

        // 4. A normal deploy re-adds it: only worker-2 changes, then nothing is left to change.
        var readd = await DeployRuns.RunAsync(_lab.Input(model, inventory), dryRun: false);
        Assert.True(readd.Failures.Count == 0, Failures(readd));
        Assert.Equal(["worker-2"], readd.Changes.Select(c => c.Host).Distinct());
        Assert.Contains(readd.Changes, c => c.Host == "worker-2" && c.Description.StartsWith("install packages", StringComparison.Ordinal));
        Assert.Equal("active", (await _lab.ShAsync("worker-2", "systemctl is-active prometheus-node-exporter")).Output.Trim());
        var again = await DeployRuns.RunAsync(_lab.Input(model, inventory), dryRun: true);
        Assert.True(again.Changes.Count == 0, string.Join("\n", again.Changes));

        // 5. destroy: every host, etcd data and PKI included.
        var destroy = await NodeOperations.RunAsync(new HostReset(everyHost: true), _lab.Input(model, inventory, ("Confirm", "destroy")), new DeploymentObserver(), "aspire destroy", CancellationToken.None);
        Assert.True(destroy.Failures.Count == 0, Failures(destroy));
        Assert.Equal(["cp-1", "worker-1", "worker-2"], destroy.Contacted);
        Assert.Contains(destroy.Changes, c => c.Host == "cp-1" && c.Description.Contains("/var/lib/etcd", StringComparison.Ordinal));
        foreach (var machine in new[] { "cp-1", "worker-1", "worker-2" })
        {
            Assert.Equal("", await _lab.LeftoversAsync(machine));
        }
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Reset_MachineStoppedMidReset_OthersFinish_ThenTheSameCommandResumesAndLeavesNothing()
    {
        var model = _lab.Model(1, 2, 0);
        var inventory = _lab.Inventory();
        var deploy = await DeployRuns.RunAsync(_lab.Input(model, inventory), dryRun: false);
        Assert.True(deploy.Failures.Count == 0, Failures(deploy));
        var input = () => _lab.Input(model, inventory, ("Hosts", "worker-1,worker-2"), ("Confirm", "reset"));

        // worker-2 powers off while its packages are being purged.
        var stopped = new TaskCompletionSource();
        var first = await NodeOperations.RunAsync(new HostReset(), input(), new StopWhenPurging(_lab, "worker-2", stopped), "aspire do reset", CancellationToken.None);
        await stopped.Task;
        await _lab.Fixture.Lab.StartMachineAsync("worker-2");
        var failure = Assert.Single(first.Failures);
        Assert.Equal(("worker-2", "reset"), (failure.Host, failure.Phase));
        Assert.True(failure.Retryable, failure.Error.Message);
        Assert.Equal("", await _lab.LeftoversAsync("worker-1"));

        // The same command again: worker-1's finished reset is not redone, worker-2's is finished.
        var events = new Resumed();
        var second = await NodeOperations.RunAsync(new HostReset(), input(), events, "aspire do reset", CancellationToken.None);
        output.WriteLine(string.Join("\n", second.Changes));
        Assert.True(second.Failures.Count == 0, Failures(second));
        Assert.Contains("reset worker-1", events.Hosts);
        Assert.DoesNotContain("reset worker-2", events.Hosts);
        Assert.DoesNotContain(second.Changes, c => c.Host == "worker-1");
        Assert.Equal("", await _lab.LeftoversAsync("worker-2"));
        Assert.Contains("package containerd", await _lab.LeftoversAsync("cp-1"), StringComparison.Ordinal);
    }

    private static string Failures(DeploymentResult result) => string.Join("\n", result.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}"));

    /// <summary>Powers a machine off a second after the reset stopped its units: while its packages are being purged.</summary>
    private sealed class StopWhenPurging(NodeLab lab, string host, TaskCompletionSource stopped) : DeploymentObserver
    {
        public override void ChangeRecorded(Change change, bool applied)
        {
            if (applied && change.Host == host && change.Description.StartsWith("stop and disable", StringComparison.Ordinal) && !stopped.Task.IsCompleted)
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await lab.Fixture.Lab.StopMachineAsync(host);
                    stopped.TrySetResult();
                });
            }
        }
    }

    /// <summary>Records the host steps the journal let pass as done.</summary>
    private sealed class Resumed : DeploymentObserver
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Hosts { get; } = [];

        public override void HostResumed(IPhase phase, Platform.Deployer.Hosts.DeployHost host) => Hosts.Add($"{phase.Name} {host.Name}");
    }
}
