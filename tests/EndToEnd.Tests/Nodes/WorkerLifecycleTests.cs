using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Nodes;

/// <summary>
/// <c>aspire do add-node</c> and <c>remove-node</c> for a worker on real machines (one control plane, a worker pool that
/// grows from one to two and shrinks back; a lost worker replaced by a fresh machine), with every host phase that runs
/// here: only the new, replaced or leaving host is contacted, and a leaving host that is down does not block its removal. (Join and drain need Kubernetes: their plans
/// are tested in the Deployer's tests.)
/// </summary>
public sealed class WorkerLifecycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private NodeLab _lab = null!;

    public async Task InitializeAsync() => _lab = await NodeLab.StartAsync(block: 2, controlPlanes: 1, workers: 2, loadBalancers: 0);

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [RequiresMachinesFact("ssh-keygen")]
    public async Task AddWorker_OnlyItIsContacted_ReplaceIt_RemoveWorker_ResetsIt_AndAnUnreachableWorkerDoesNotBlockItsRemoval()
    {
        var one = _lab.Inventory("worker-2");
        var two = _lab.Inventory();
        var deploy = await DeployRuns.RunAsync(_lab.Input(_lab.Model(1, 1, 0), one), dryRun: false);
        Assert.True(deploy.Failures.Count == 0, Failures(deploy));

        // 1. The pool grows: the plan names worker-2 alone and contacts nobody else.
        var add = new AddNode();
        var grown = _lab.Input(_lab.Model(1, 2, 0), two);
        Assert.Equal(["worker-2"], add.Hosts(grown));
        var plan = await add.RunAsync(grown, apply: false, new DeploymentObserver(), CancellationToken.None);
        Log(plan);
        Assert.True(plan.DryRun && plan.Failures.Count == 0, Failures(plan));
        Assert.Equal(["worker-2"], plan.Contacted);
        Assert.Contains("worker-2: new", plan.Notes);
        Assert.Contains("not contacted, unchanged since the last apply (fingerprints match): cp-1, worker-1", plan.Notes);
        var applied = await NodeOperations.RunAsync(add, grown, new DeploymentObserver(), "aspire do add-node", CancellationToken.None);
        Assert.True(applied.Failures.Count == 0, Failures(applied));
        Assert.Equal(["worker-2"], applied.Contacted);
        Assert.Equal(plan.Changes.Select(c => c.Description), applied.Changes.Select(c => c.Description));
        Assert.Equal(["worker-2"], applied.Changes.Select(c => c.Host).Distinct());
        Assert.Equal("active", (await _lab.ShAsync("worker-2", "systemctl is-active prometheus-node-exporter")).Output.Trim());
        var full = await DeployRuns.RunAsync(_lab.Input(_lab.Model(1, 2, 0), two), dryRun: true);
        Assert.True(full.Changes.Count == 0, string.Join("\n", full.Changes));

        // 1b. worker-2 is lost and a fresh machine takes its name and address (new host keys, none of the platform's files).
        await _lab.Fixture.Lab.StopMachineAsync("worker-2");
        await _lab.Fixture.Lab.StartMachineAsync("worker-2");
        Assert.Equal(0, (await _lab.ShAsync("worker-2", "systemctl disable --now prometheus-node-exporter && rm -f /etc/sysctl.d/90-platform.conf /etc/chrony/conf.d/platform.conf /etc/ssh/sshd_config.d/50-platform-hardening.conf /etc/ssh/ssh_host_* && ssh-keygen -A && systemctl restart ssh")).ExitCode);
        var replaced = await NodeOperations.RunAsync(new ReplaceNode(), _lab.Input(_lab.Model(1, 2, 0), two, ("Hosts", "worker-2"), ("Confirm", "replace-node")), new DeploymentObserver(), "aspire do replace-node", CancellationToken.None);
        Log(replaced);
        Assert.True(replaced.Failures.Count == 0, Failures(replaced));
        Assert.Equal(["worker-2"], replaced.Contacted);
        Assert.Contains("worker-2: 1 pinned host key line(s) forgotten; the replacement's key is pinned on first use.", replaced.Notes);
        Assert.Contains(replaced.Changes, c => c.Description == "write /etc/sysctl.d/90-platform.conf (new)");
        Assert.Equal("active", (await _lab.ShAsync("worker-2", "systemctl is-active prometheus-node-exporter")).Output.Trim());

        // 2. The pool shrinks: planned until confirmed, then worker-2 is reset; cp-1 and worker-1 are not contacted.
        var remove = new RemoveNode(new Platform.Deployer.Etcd.EtcdMembership());
        var refused = await Assert.ThrowsAsync<OperationNotConfirmedException>(() => NodeOperations.RunAsync(remove, _lab.Input(_lab.Model(1, 1, 0), one), new DeploymentObserver(), "aspire do remove-node", CancellationToken.None));
        output.WriteLine(refused.Message);
        Assert.Contains("on worker-2 ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["worker-2"], refused.Plan!.Contacted);
        Assert.Contains("package containerd", await _lab.LeftoversAsync("worker-2"), StringComparison.Ordinal);
        var removed = await NodeOperations.RunAsync(remove, _lab.Input(_lab.Model(1, 1, 0), one, ("Confirm", "remove-node")), new DeploymentObserver(), "aspire do remove-node", CancellationToken.None);
        Log(removed);
        Assert.True(removed.Failures.Count == 0, Failures(removed));
        Assert.Equal(["worker-2"], removed.Contacted);
        Assert.Contains("Kubernetes phases are skipped (Deploy:Skip): there is no Node of worker-2 to drain or delete.", removed.Notes);
        Assert.Equal("", await _lab.LeftoversAsync("worker-2"));
        var bad = Assert.Throws<DeployInputException>(() => remove.Hosts(_lab.Input(_lab.Model(1, 1, 0), one)));
        Assert.Contains("every recorded host (cp-1, worker-1) is still in the inventory", bad.Message, StringComparison.Ordinal);

        // 3. Added again, then removed while its machine is down: the removal finishes, saying it was passed over.
        var again = await NodeOperations.RunAsync(add, _lab.Input(_lab.Model(1, 2, 0), two), new DeploymentObserver(), "aspire do add-node", CancellationToken.None);
        Assert.True(again.Failures.Count == 0, Failures(again));
        await _lab.Fixture.Lab.StopMachineAsync("worker-2");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var skipped = await NodeOperations.RunAsync(remove, _lab.Input(_lab.Model(1, 1, 0), one, ("Confirm", "remove-node")), new DeploymentObserver(), "aspire do remove-node", CancellationToken.None);
        Log(skipped);
        Assert.True(skipped.Failures.Count == 0, Failures(skipped));
        Assert.Empty(skipped.Contacted);
        Assert.Contains(skipped.Notes, n => n.StartsWith("worker-2: unreachable, so it is passed over and not reset (", StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the removal took {clock.Elapsed}");
        Assert.Throws<DeployInputException>(() => remove.Hosts(_lab.Input(_lab.Model(1, 1, 0), one))); // forgotten: nothing left to remove
    }

    private void Log(DeploymentResult result)
    {
        foreach (var line in result.Notes.Concat(result.Changes.Select(c => $"{c.Host} {c.Phase}: {c.Description}")))
        {
            output.WriteLine(line);
        }
    }

    private static string Failures(DeploymentResult result) => string.Join("\n", result.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}"));
}
