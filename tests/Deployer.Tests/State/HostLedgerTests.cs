using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Testing;

namespace Platform.Deployer.Tests.State;

public sealed class HostLedgerTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Record_ThenOpenAgain_KeepsMachineEndpointAndFingerprints()
    {
        var machine = DeployerTestModels.Lab().BuildModel().PlanTopology()["worker-2"];
        var ledger = HostLedger.Open(_dir.Combine("hosts.json"));

        ledger.Record(new DeployHost(machine with { Interface = "eth1" }, new SshEndpoint("127.0.0.1", 2222, "root", "/keys/id")), [("prepare", "p1"), ("join-workers", "j1")]);
        var reopened = HostLedger.Open(_dir.Combine("hosts.json"));
        var (recorded, endpoint) = reopened.Recorded("worker-2", index: 2);

        Assert.Equal(["worker-2"], reopened.Names);
        Assert.Equal(("p1", "j1", null), (reopened.Fingerprint("worker-2", "prepare"), reopened.Fingerprint("worker-2", "join-workers"), reopened.Fingerprint("worker-2", "etcd")));
        Assert.Equal((machine.Role, machine.Pool, machine.Subnet, machine.Address, "eth1"), (recorded.Role, recorded.Pool, recorded.Subnet, recorded.Address, recorded.Interface));
        Assert.Equal(new SshEndpoint("127.0.0.1", 2222, "root", "/keys/id"), endpoint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.Combine("hosts.json")));
    }

    [Fact]
    public void Forget_RemovesTheHostsSoTheyCountAsNew()
    {
        var topology = DeployerTestModels.Lab().BuildModel().PlanTopology();
        var ledger = HostLedger.Open(_dir.Combine("hosts.json"));
        foreach (var name in new[] { "cp-1", "worker-1", "worker-2" })
        {
            ledger.Record(new DeployHost(topology[name], new SshEndpoint("127.0.0.1", 22, "root", "/k")), [("prepare", "p")]);
        }

        ledger.Forget(["worker-2", "not-there"]);

        Assert.Equal(["cp-1", "worker-1"], HostLedger.Open(_dir.Combine("hosts.json")).Names);
    }

    [Fact]
    public void Open_TornFile_IsAnEmptyLedger()
    {
        File.WriteAllText(_dir.Combine("hosts.json"), "{\"Hosts\": {\"cp-1\": ");

        Assert.Empty(HostLedger.Open(_dir.Combine("hosts.json")).Names);
    }
}
