using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Testing;

namespace Platform.Deployer.Tests.Phases;

public sealed class DeploymentScopeTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly PlatformModel _model = DeployerTestModels.Lab().BuildModel();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FromLedger_NewHostAndChangedFingerprint_OnlyTheyRun_OthersAreNotContacted()
    {
        var connect = new FakePhase("connect", prerequisite: true);
        var work = new FakePhase("work");
        var other = new FakePhase("other");
        var graph = PhaseGraph.Create(PipelinePhase.Sequence([connect, work, other]));
        var context = Context(dryRun: false);
        var ledger = HostLedger.Open(_dir.Combine("hosts.json"));
        foreach (var host in context.Hosts.Where(h => h.Name != "worker-2"))
        {
            ledger.Record(host, [("work", host.Name == "lb-1" ? "v0" : "v1"), ("other", "v1")]);
        }

        context.Scope = DeploymentScope.FromLedger(context, graph, ledger);
        await DeploymentRunner.RunAsync(context, graph, CancellationToken.None);

        Assert.Equal(["lb-1", "worker-2"], context.Scope.Hosts.Order(StringComparer.Ordinal));
        Assert.Equal(["run lb-1", "run worker-2"], connect.Calls.Where(c => c.StartsWith("run", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["run lb-1", "run worker-2"], work.Calls.Where(c => c.StartsWith("run", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["run worker-2"], other.Calls.Where(c => c.StartsWith("run", StringComparison.Ordinal)));
        Assert.Equal(["new"], context.Scope.Reasons["worker-2"]);
        Assert.Equal(["work: what it places changed"], context.Scope.Reasons["lb-1"]);
    }

    [Fact]
    public async Task Only_NamedHosts_RunEveryPhase_APhaseWithNoHostInScopeIsSkippedWhole()
    {
        var work = new FakePhase("work");
        var controlPlanesOnly = new FakePhase("cp-only") { Hosts = c => c.Hosts.ControlPlanes };
        var graph = PhaseGraph.Create(PipelinePhase.Sequence([work, controlPlanesOnly]));
        var context = Context(dryRun: true);
        context.Scope = DeploymentScope.Only(["worker-1"], "reset");

        await DeploymentRunner.RunAsync(context, graph, CancellationToken.None);

        Assert.Equal(["prepare", "run worker-1", "finish"], work.Calls);
        Assert.Empty(controlPlanesOnly.Calls);
    }

    private DeploymentContext Context(bool dryRun)
    {
        var topology = _model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var options = new DeploymentOptions { DryRun = dryRun, KnownHosts = new KnownHostsFile(_dir.Combine("known_hosts")) };
        return new DeploymentContext(_model, inventory, new StateFolder(_dir.Combine("state")), options, new DeploymentObserver());
    }
}
