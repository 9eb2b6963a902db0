using Platform.Deployer.Hosts;
using Platform.Deployer.Operations;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Deployer.Steps;
using Platform.Testing;

namespace Platform.Deployer.Tests.Operations;

public sealed class ReplaceNodeTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Hosts_NotRecorded_NothingToReplace_SaysToAddIt()
    {
        var input = OperationInputs.Create(_dir, ("Hosts", "worker-2"));

        var e = Assert.Throws<DeployInputException>(() => new ReplaceNode().Hosts(input));

        Assert.StartsWith("worker-2: not recorded as part of the platform in ", Assert.Single(e.Problems), StringComparison.Ordinal);
        Assert.EndsWith("Install it with aspire do add-node (or aspire deploy).", e.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Hosts_EveryControlPlane_IsRefused_RestoreInstead()
    {
        var input = OperationInputs.Create(_dir, ("Hosts", "cp-1,cp-2,cp-3"));
        Record(input, "cp-1", "cp-2", "cp-3");

        var e = Assert.Throws<DeployInputException>(() => new ReplaceNode().Hosts(input));

        Assert.Equal("aspire do replace-node would replace every control plane (cp-1, cp-2, cp-3): no etcd member would be left to join. Restore the cluster from a snapshot instead: aspire do etcd-restore.", Assert.Single(e.Problems));
    }

    [Fact]
    public void Hosts_RecordedMachines_AreReplaced()
    {
        var input = OperationInputs.Create(_dir, ("Hosts", "worker-2,cp-3"));
        Record(input, "cp-3", "worker-2");

        Assert.Equal(["cp-3", "worker-2"], new ReplaceNode().Hosts(input));
    }

    [Fact]
    public void RemoveNodeHosts_EveryRecordedHostStillInTheInventory_SaysHowToShrinkThePool()
    {
        var input = OperationInputs.Create(_dir);
        Record(input, "cp-1", "worker-1");

        var e = Assert.Throws<DeployInputException>(() => new RemoveNode(new Etcd.EtcdMembership()).Hosts(input));

        Assert.Equal("aspire do remove-node: every recorded host (cp-1, worker-1) is still in the inventory. Take the machines out of the inventory and lower their pool's count in the model by as many, then run it again.", Assert.Single(e.Problems));
    }

    private static void Record(DeploymentInput input, params string[] hosts)
    {
        var ledger = HostLedger.Open(new StateFolder(input.StatePath).LedgerPath);
        foreach (var host in hosts)
        {
            ledger.Record(new DeployHost(input.Inventory.Topology[host], new SshEndpoint("127.0.0.1", 22, "root", "/k")), [("prepare", "p")]);
        }
    }
}
