using Platform.Deployer.Operations;
using Platform.Deployer.Steps;
using Platform.Testing;

namespace Platform.Deployer.Tests.Operations;

public sealed class OperationHostsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Resolve_NamedHosts_InInventoryOrder()
    {
        var hosts = OperationHosts.Resolve(OperationInputs.Create(_dir, ("Hosts", "worker-2,cp-1")), "reset");

        Assert.Equal(["cp-1", "worker-2"], hosts);
    }

    [Fact]
    public void Resolve_NoHostNamed_SaysWhichOptionAndListsTheMachines()
    {
        var e = Assert.Throws<DeployInputException>(() => OperationHosts.Resolve(OperationInputs.Create(_dir), "reset"));

        Assert.Equal("aspire do reset needs the machines to work on: --Deploy:Hosts=<name>[,<name>...] (machines: cp-1, cp-2, cp-3, worker-1, worker-2, lb-1, lb-2).", Assert.Single(e.Problems));
    }

    [Fact]
    public void Resolve_UnknownHosts_AreNamedTogether()
    {
        var e = Assert.Throws<DeployInputException>(() => OperationHosts.Resolve(OperationInputs.Create(_dir, ("Hosts", "worker-9,cp-1,lb-7")), "reset"));

        Assert.StartsWith("Deploy:Hosts: 'worker-9', 'lb-7' are not in the inventory (machines: cp-1,", Assert.Single(e.Problems), StringComparison.Ordinal);
    }
}
