using Platform.Lab.Machines;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// The host phases on 7 machines of a test model (10.95.x): prepare applies the firewall; bounded probes between
/// the machines show what each role may reach, and a second plan (new SSH logins) changes nothing.
/// </summary>
public sealed class FirewallOnMachinesTests(ITestOutputHelper output)
{
    private const long Dropped = 124;

    [RequiresMachinesFact("ssh-keygen", "etcdctl")]
    public async Task Deploy_HostPhases_FirewallBlocksWhatARoleMustNotReach_AndSshStillWorks()
    {
        var model = DeployerTestModels.Lab(prefix: "10.95").BuildModel();
        await using var lab = await MachineLabFixture.StartAsync(model);
        var inventory = lab.WriteInventory();
        var state = lab.Directory.Combine("state");
        Deployer.Steps.DeploymentInput Input() => DeployRuns.Input(DeployerTestModels.Lab(prefix: "10.95").Resources, inventory, state, lab.Directory.Combine("known_hosts"), skip: DeployOnMachinesTests.KubernetesPhases);

        var apply = await DeployRuns.RunAsync(Input(), dryRun: false);
        Assert.True(apply.Failures.Count == 0, string.Join("\n", apply.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
        Assert.Equal(7, apply.Changes.Count(c => c.Description.StartsWith("apply the firewall", StringComparison.Ordinal)));

        async Task<long> ProbeAsync(string from, string address, int port)
        {
            var result = await lab.Lab.ExecAsync(from, ["timeout", "3", "bash", "-c", $"exec 3<>/dev/tcp/{address}/{port}"]);
            output.WriteLine($"{from} -> {address}:{port}: exit {result.ExitCode} {result.Error.Trim()}");
            return result.ExitCode;
        }

        var worker = await ProbeAsync("worker-1", "10.95.1.11", 2379);
        if (worker != Dropped)
        {
            var hold = lab.Lab.ExecAsync("worker-1", ["timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/10.95.1.11/2379; sleep 2"]);
            await Task.Delay(1000);
            output.WriteLine((await lab.Lab.ExecAsync("cp-1", ["sh", "-c", "ss -tn | grep 10.95.1.11:2379; conntrack -L -p tcp --dport 2379 2>&1 | head"])).Output);
            await hold;
            output.WriteLine((await lab.Lab.ExecAsync("cp-1", ["sh", "-c", "nft list table inet platform; ss -tn; ip route"])).Output);
            output.WriteLine((await lab.Lab.ExecAsync("worker-1", ["sh", "-c", "ip route; ip -o -4 addr"])).Output);
        }

        Assert.Equal(Dropped, worker);                                                    // a worker cannot reach etcd's client port
        Assert.Equal(Dropped, await ProbeAsync("worker-2", "10.95.3.11", 8404));          // nor HAProxy's health port (stats listen on 127.0.0.1 only)
        Assert.Equal(Dropped, await ProbeAsync("worker-1", "10.95.3.5", 8404));           // not through the VIP either
        Assert.Equal(0, await ProbeAsync("cp-2", "10.95.1.11", 2379));                    // a control plane can
        Assert.Equal(1, await ProbeAsync("lb-1", "10.95.1.11", 6443));                    // the load balancers reach the API servers' port (refused: no API server here)
        Assert.Equal(0, await ProbeAsync("worker-1", "10.95.3.11", 8405));                // HAProxy's /metrics is for Prometheus on the nodes

        // SSH still works after apply: a new plan logs in to every machine and finds nothing to change.
        var again = await DeployRuns.RunAsync(Input(), dryRun: true);
        Assert.Empty(again.Failures);
        Assert.True(again.Changes.Count == 0, string.Join("\n", again.Changes));
    }
}
