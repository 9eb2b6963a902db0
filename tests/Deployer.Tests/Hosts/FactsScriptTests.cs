using Platform.Deployer.Hosts;
using Platform.Testing;

namespace Platform.Deployer.Tests.Hosts;

public class FactsScriptTests
{
    [Fact]
    public void Parse_SampleOutput_FillsEveryFact()
    {
        const string output = """
            ### os
            PRETTY_NAME="Ubuntu 24.04.1 LTS"
            ID=ubuntu
            VERSION_ID="24.04"
            ### hostname
            cp-1
            ### addr
            lo 127.0.0.1/8
            eth0 10.77.1.11/24
            ### cpus
            4
            ### mem
            8048576
            ### swaps
            1
            ### virt
            none
            ### packages
            chrony 4.5-1ubuntu4
            etcd-server 3.4.30-1
            ### held
            kubelet
            ### units
            Id=chrony.service
            ActiveState=active
            UnitFileState=enabled

            Id=etcd-snapshot.timer
            ActiveState=active
            UnitFileState=disabled

            Id=etcd.service
            ActiveState=inactive
            UnitFileState=
            ### modules
            overlay
            ### modes
            644 /etc/sysctl.d/90-platform.conf
            ### hashes
            5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  /etc/sysctl.d/90-platform.conf
            ### exists
            /etc/kubernetes/admin.conf
            ### sysctl
            net.ipv4.ip_forward=1
            net.bridge.bridge-nf-call-iptables=<unavailable>
            """;
        var facts = new HostFacts();

        FactsScript.Parse(output, facts);

        Assert.Equal(("ubuntu", "24.04", "Ubuntu 24.04.1 LTS"), (facts.OsId, facts.OsVersion, facts.OsPrettyName));
        Assert.Equal("cp-1", facts.Hostname);
        Assert.Equal("eth0", facts.InterfaceOf("10.77.1.11"));
        Assert.Equal(4, facts.Cpus);
        Assert.Equal(7859, facts.MemoryMiB);
        Assert.Equal(1, facts.ActiveSwaps);
        Assert.False(facts.IsContainer);
        Assert.Equal("3.4.30-1", facts.Packages["etcd-server"]);
        Assert.True(facts.HeldPackages.ContainsKey("kubelet"));
        Assert.True(facts.ActiveUnits.ContainsKey("etcd-snapshot.timer"));
        Assert.True(facts.EnabledUnits.ContainsKey("chrony.service"));
        Assert.False(facts.EnabledUnits.ContainsKey("etcd-snapshot.timer"));
        Assert.False(facts.ActiveUnits.ContainsKey("etcd.service"));
        Assert.True(facts.LoadedModules.ContainsKey("overlay"));
        Assert.Equal(new FileState("644", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"), facts.Files["/etc/sysctl.d/90-platform.conf"]);
        Assert.True(facts.ExistingPaths.ContainsKey("/etc/kubernetes/admin.conf"));
        Assert.Equal("<unavailable>", facts.Sysctls["net.bridge.bridge-nf-call-iptables"]);
    }

    [RequiresToolFact("sh", "sha256sum")]
    public async Task Build_RunByPosixSh_ReportsFilesMarkersAndSysctls()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.Combine("a.conf"), "hello\n");
        File.SetUnixFileMode(dir.Combine("a.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var script = FactsScript.Build([dir.Combine("a.conf"), dir.Combine("missing.conf")], [dir.Path, dir.Combine("nope")], ["kernel.ostype", "net.no.such.key"]);

        // sh is dash on Debian and Ubuntu: the shell sudo users get.
        var result = await ProcessRunner.RunAsync("sh", ["-c", script]);
        var facts = new HostFacts();
        FactsScript.Parse(result.Output, facts);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new FileState("600", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"), facts.Files[dir.Combine("a.conf")]);
        Assert.False(facts.Files.ContainsKey(dir.Combine("missing.conf")));
        Assert.True(facts.ExistingPaths.ContainsKey(dir.Path));
        Assert.False(facts.ExistingPaths.ContainsKey(dir.Combine("nope")));
        Assert.Equal("Linux", facts.Sysctls["kernel.ostype"]);
        Assert.Equal("<unavailable>", facts.Sysctls["net.no.such.key"]);
        Assert.DoesNotContain("Bad substitution", result.Output, StringComparison.Ordinal);
    }
}
