using Platform.Deployer.Hosts;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Testing;

namespace Platform.Deployer.Tests.Phases;

public sealed class HostStepTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task EnsureServices_DisabledAndStopped_OneEnableNowForAllOfThem()
    {
        var (step, ssh) = Step(dryRun: false);

        await step.EnsureServicesAsync([("chrony", null), ("prometheus-node-exporter", "configuration changed")], CancellationToken.None);

        Assert.Equal(["systemctl enable --now 'chrony.service' 'prometheus-node-exporter.service'"], ssh.Commands);
        Assert.Equal(["enable and start chrony.service prometheus-node-exporter.service"], step.Changes.Select(c => c.Description));
        Assert.True(step.Facts.EnabledUnits.ContainsKey("chrony.service") && step.Facts.ActiveUnits.ContainsKey("prometheus-node-exporter.service"));
    }

    [Fact]
    public async Task EnsureServices_EachInAnotherState_EnablesStartsAndRestartsOnlyWhatIsNeeded()
    {
        var (step, ssh) = Step(dryRun: false);
        step.Facts.ActiveUnits["haproxy.service"] = true; // running, not enabled
        step.Facts.EnabledUnits["keepalived.service"] = true; // enabled, stopped
        step.Facts.EnabledUnits["chrony.service"] = step.Facts.ActiveUnits["chrony.service"] = true; // as wanted, its configuration changed
        step.Facts.EnabledUnits["etcd.service"] = step.Facts.ActiveUnits["etcd.service"] = true; // as wanted

        await step.EnsureServicesAsync([("haproxy", null), ("keepalived", "configuration changed"), ("chrony", "configuration changed"), ("etcd", null)], CancellationToken.None, blockOnStart: false);

        Assert.Equal(["systemctl enable 'haproxy.service'", "systemctl --no-block start 'keepalived.service'", "systemctl --no-block restart 'chrony.service'"], ssh.Commands);
        Assert.Equal(["enable haproxy.service", "start keepalived.service", "restart chrony.service (configuration changed)"], step.Changes.Select(c => c.Description));
    }

    [Fact]
    public async Task EnsureServices_Plan_RecordsTheSameWordsAndRunsNothing()
    {
        var (step, ssh) = Step(dryRun: true);

        await step.EnsureServiceAsync("etcd", null, CancellationToken.None, blockOnStart: false);

        Assert.Empty(ssh.Commands);
        Assert.Equal(["enable and start etcd.service"], step.Changes.Select(c => c.Description));
    }

    [Fact]
    public async Task EnsureFiles_WritesOnlyTheFilesThatDifferInOneCall_OneChangeEach()
    {
        var (step, ssh) = Step(dryRun: false);
        DesiredFile[] files = [DesiredFile.Text("/etc/a.conf", "a\n", "0644", "test"), DesiredFile.Text("/etc/b.conf", "b\n", "0644", "test"), DesiredFile.Text("/etc/c.conf", "c\n", "0600", "test")];
        step.Facts.Files["/etc/b.conf"] = new FileState("644", files[1].Sha256);
        step.Facts.Files["/etc/c.conf"] = new FileState("644", files[2].Sha256);

        var changed = await step.EnsureFilesAsync(files, CancellationToken.None);

        Assert.Equal(["/etc/a.conf", "/etc/c.conf"], Assert.Single(ssh.Writes).Select(f => f.Path));
        Assert.Equal(["/etc/a.conf", "/etc/c.conf"], changed.Select(f => f.Path));
        Assert.Equal(["write /etc/a.conf (new)", "write /etc/c.conf (mode 644 → 600)"], step.Changes.Select(c => c.Description));
        Assert.Equal("600", step.Facts.Files["/etc/c.conf"].Mode);
    }

    private (HostStep Step, RecordingConnection Ssh) Step(bool dryRun)
    {
        var model = DeployerTestModels.Lab().BuildModel();
        var topology = model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var options = new DeploymentOptions { DryRun = dryRun, KnownHosts = new KnownHostsFile(_dir.Combine("known_hosts")) };
        var context = new DeploymentContext(model, inventory, new StateFolder(_dir.Combine("state")), options, new DeploymentObserver());
        var host = context.Hosts.First(h => h.Name == "lb-1");
        var ssh = new RecordingConnection(host.Name);
        host.Connection = ssh;
        return (new HostStep(context, new FakePhase("test"), host), ssh);
    }
}
