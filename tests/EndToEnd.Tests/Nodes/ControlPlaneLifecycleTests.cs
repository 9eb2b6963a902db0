using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Etcd;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Platform.EndToEnd.Tests.Etcd;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Nodes;

/// <summary>
/// Control planes on real machines (etcd 3.5 over TLS, one worker, two load balancers): the pool grows from 3 to 5 and
/// shrinks back while a client writes through etcd; one is lost and replaced by a fresh machine (new host keys, no etcd
/// data); a removal that would lose quorum is refused. etcd membership and HAProxy's backends follow each change.
/// </summary>
public sealed class ControlPlaneLifecycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Block = 3;
    private NodeLab _lab = null!;

    public async Task InitializeAsync() => _lab = await NodeLab.StartAsync(Block, controlPlanes: 5, workers: 1, loadBalancers: 2);

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [RequiresMachinesFact("ssh-keygen")]
    public async Task AddTwo_EtcdWritesNeverFail_ReplaceALostOne_RemovalWithoutQuorumRefused_ThenRemoveTwo()
    {
        var three = _lab.Inventory("cp-4", "cp-5");
        var five = _lab.Inventory();
        var deploy = await DeployRuns.RunAsync(_lab.Input(_lab.Model(3, 1, 2), three), dryRun: false);
        Assert.True(deploy.Failures.Count == 0, Failures(deploy));
        var started = await EtcdStartedAsync("cp-1");

        // 1. Two control planes join, one at a time, while a client writes through the three members.
        var (added, addWrites) = await WhileWritingAsync(() => NodeOperations.RunAsync(new AddNode(), _lab.Input(_lab.Model(5, 1, 2), five), new DeploymentObserver(), "aspire do add-node", CancellationToken.None));
        Log(added);
        Assert.True(added.Failures.Count == 0, Failures(added));
        Assert.Equal(0, addWrites.Failed);
        Assert.Equal(5, (await MembersAsync()).Count);
        Assert.DoesNotContain("worker-1", added.Contacted);
        Assert.Contains(added.Notes, n => n.StartsWith("cp-4: quorum checked, then etcd member add", StringComparison.Ordinal));
        Assert.Equal(started, await EtcdStartedAsync("cp-1")); // a membership change alone does not restart a member
        var haproxy = (await _lab.ShAsync("lb-1", "cat /etc/haproxy/haproxy.cfg")).Output;
        Assert.Contains(Address("cp-4"), haproxy, StringComparison.Ordinal);
        Assert.Contains(Address("cp-5"), haproxy, StringComparison.Ordinal);
        Assert.Equal(1, (await _lab.ShAsync("cp-4", $"test -e {EtcdPaths.JoinEnvironmentFile}")).ExitCode);

        // 2. cp-5 is lost; a fresh machine takes its name and address (new host keys, no etcd data or configuration).
        var lostId = (await MembersAsync())["cp-5"];
        await _lab.Fixture.Lab.StopMachineAsync("cp-5");
        await _lab.Fixture.Lab.StartMachineAsync("cp-5");
        Assert.Equal(0, (await _lab.ShAsync("cp-5", "systemctl disable --now etcd && rm -rf /var/lib/etcd /etc/etcd /etc/systemd/system/etcd.service && rm -f /etc/ssh/ssh_host_* && ssh-keygen -A && systemctl restart ssh")).ExitCode);
        var refused = await Assert.ThrowsAsync<OperationNotConfirmedException>(() => NodeOperations.RunAsync(new ReplaceNode(), _lab.Input(_lab.Model(5, 1, 2), five, ("Hosts", "cp-5")), new DeploymentObserver(), "aspire do replace-node", CancellationToken.None));
        Assert.Contains(refused.Plan!.Changes, c => c.Host == "cp-5" && c.Description.StartsWith($"remove the lost member cp-5 (id {lostId})", StringComparison.Ordinal));
        var replaced = await NodeOperations.RunAsync(new ReplaceNode(), _lab.Input(_lab.Model(5, 1, 2), five, ("Hosts", "cp-5"), ("Confirm", "replace-node")), new DeploymentObserver(), "aspire do replace-node", CancellationToken.None);
        Log(replaced);
        Assert.True(replaced.Failures.Count == 0, Failures(replaced));
        Assert.Contains("cp-5: 1 pinned host key line(s) forgotten; the replacement's key is pinned on first use.", replaced.Notes);
        var members = await MembersAsync();
        Assert.Equal(5, members.Count);
        Assert.NotEqual(lostId, members["cp-5"]);
        Assert.DoesNotContain("worker-1", replaced.Contacted);
        Assert.DoesNotContain("lb-1", replaced.Contacted);
        Assert.DoesNotContain("lb-2", replaced.Contacted);

        // 3. With cp-2 and cp-3 down, taking cp-4 and cp-5 out would leave 1 healthy member of 3: refused, nothing changed.
        await _lab.Fixture.Lab.StopMachineAsync("cp-2");
        await _lab.Fixture.Lab.StopMachineAsync("cp-3");
        var noQuorum = await NodeOperations.RunAsync(new RemoveNode(new EtcdMembership()), _lab.Input(_lab.Model(3, 1, 2), three, ("Confirm", "remove-node")), new DeploymentObserver(), "aspire do remove-node", CancellationToken.None);
        await _lab.Fixture.Lab.StartMachineAsync("cp-2");
        await _lab.Fixture.Lab.StartMachineAsync("cp-3");
        var failure = Assert.Single(noQuorum.Failures);
        output.WriteLine(failure.Error.Message);
        Assert.Contains("cp-4, cp-5 cannot leave: after removing 2, 1 healthy of 3 members would be below the quorum of 2", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", failure.Error.Message, StringComparison.Ordinal);
        Assert.Empty(noQuorum.Changes);
        await WaitHealthyAsync();
        Assert.Equal(5, (await MembersAsync()).Count);

        // 4. cp-4 and cp-5 leave while the client writes: members and backends follow, the machines are reset.
        var (removed, removeWrites) = await WhileWritingAsync(() => NodeOperations.RunAsync(new RemoveNode(new EtcdMembership()), _lab.Input(_lab.Model(3, 1, 2), three, ("Confirm", "remove-node")), new DeploymentObserver(), "aspire do remove-node", CancellationToken.None));
        Log(removed);
        Assert.True(removed.Failures.Count == 0, Failures(removed));
        Assert.Equal(0, removeWrites.Failed);
        Assert.Equal(["cp-1", "cp-2", "cp-3"], (await MembersAsync()).Keys.Order(StringComparer.Ordinal));
        haproxy = (await _lab.ShAsync("lb-1", "cat /etc/haproxy/haproxy.cfg")).Output;
        Assert.DoesNotContain(Address("cp-4"), haproxy, StringComparison.Ordinal);
        Assert.Contains(Address("cp-3"), haproxy, StringComparison.Ordinal);
        Assert.Equal("", await _lab.LeftoversAsync("cp-4"));
        Assert.Equal("", await _lab.LeftoversAsync("cp-5"));
        Assert.DoesNotContain("worker-1", removed.Contacted);
    }

    private static string Address(string machine) => $"10.41.{Block * 10 + 1}.{10 + int.Parse(machine[3..], System.Globalization.CultureInfo.InvariantCulture)}:";

    private async Task<(DeploymentResult Result, EtcdWriter Writer)> WhileWritingAsync(Func<Task<DeploymentResult>> operation)
    {
        var (result, writer, outlasted) = await EtcdWriter.WhileWritingAsync(new StateFolder(_lab.State), new[] { "cp-1", "cp-2", "cp-3" }.Select(m => $"https://{Address(m)}2379"), operation, output.WriteLine);
        Assert.True(outlasted, $"the writer stopped before the operation ended ({writer.Written} writes): etcd was not written to throughout");
        return (result, writer);
    }

    // Name → member id, from cp-1's member, only members that have started.
    private async Task<Dictionary<string, string>> MembersAsync()
    {
        var (exit, list) = await _lab.ShAsync("cp-1", Etcdctl.Local("member list"));
        Assert.True(exit == 0, list);
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(", ")).Where(f => f.Length > 2 && f[1] == "started").ToDictionary(f => f[2], f => f[0]);
    }

    private async Task<string> EtcdStartedAsync(string machine) => (await _lab.ShAsync(machine, "systemctl show etcd -p ActiveEnterTimestampMonotonic --value")).Output.Trim();

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (exit, health) = await _lab.ShAsync("cp-1", Etcdctl.Local("endpoint health --cluster"));
            if (exit == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"etcd not healthy within 2 minutes: {health}");
            await Task.Delay(1000);
        }
    }

    private void Log(DeploymentResult result)
    {
        foreach (var line in result.Notes.Concat(result.Changes.Select(c => $"{c.Host} {c.Phase}: {c.Description}")).Concat(result.Warnings.Select(w => $"{w.Host} {w.Phase}: warning: {w.Message}")))
        {
            output.WriteLine(line);
        }

        output.WriteLine($"contacted: {string.Join(", ", result.Contacted)}");
    }

    private static string Failures(DeploymentResult result) => string.Join("\n", result.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}"));
}
