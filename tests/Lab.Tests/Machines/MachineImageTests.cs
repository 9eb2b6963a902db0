using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Hosts.Configurers;
using Platform.Deployer.Phases;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.Lab.Tests.Machines;

public sealed class MachineImageTests
{
    [Fact]
    public async Task BuildScript_ReadsTheImageNamesFromThisClass()
    {
        var printed = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "build-machine-image.sh"), "--print-names"]);

        Assert.Equal(0, printed.ExitCode);
        Assert.Equal([MachineImage.Base, MachineImage.Ready, MachineImage.Monitoring], printed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task ReadyImage_EveryPackageOfTheHostPhasesInstalled_TheirServicesDisabledAndStopped_EtcdWithoutData()
    {
        var model = DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.85").BuildModel();
        var configurer = new DebianConfigurer();
        var packages = model.PlanTopology().Machines.SelectMany(m => PrepareOsPhase.Packages(model, m))
            .Concat([configurer.EtcdServerPackage, configurer.EtcdClientPackage, ContainerdVersions.Package, .. LoadBalancerPhase.Packages])
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var units = ManagedUnits.All.Where(u => u != "ssh.service").ToList();
        await using var lab = await MachineLabFixture.StartAsync(model, image: MachineImage.Ready);

        foreach (var machine in lab.Lab.Machines)
        {
            var installed = await lab.Lab.ExecAsync(machine.Name, ["dpkg-query", "-W", "-f=${db:Status-Abbrev}${Package}\n", .. packages]);
            var states = await lab.Lab.ExecAsync(machine.Name, ["systemctl", "show", "--property=Id,ActiveState,UnitFileState", .. units]);
            var running = await lab.Lab.ExecAsync(machine.Name, ["systemctl", "list-units", "--state=active", "--plain", "--no-legend"]);
            var files = await lab.Lab.ExecAsync(machine.Name, ["sh", "-c", "ls -A /var/lib/etcd; cat /etc/iscsi/initiatorname.iscsi"]);

            Assert.Equal(packages.Select(p => "ii " + p), installed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            Assert.DoesNotContain("ActiveState=active", states.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("UnitFileState=enabled", states.Output, StringComparison.Ordinal);
            Assert.DoesNotMatch("(?m)^(etcd|haproxy|keepalived|chrony|prometheus-node-exporter|containerd|rpcbind|iscsid|unattended-upgrades)[.@]", running.Output);
            Assert.Matches("^## [^\n]*\nGenerateName=yes\n$", files.Output); // no member data; each machine names its own iSCSI initiator
        }
    }
}
