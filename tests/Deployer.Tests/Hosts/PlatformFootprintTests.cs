using Platform.Deployer.Hosts;

namespace Platform.Deployer.Tests.Hosts;

public sealed class PlatformFootprintTests
{
    [Fact]
    public void ParseLeftovers_PackagesInAnyStateAndUnitFiles_AreNamedWithTheirState()
    {
        var (packages, found) = PlatformFootprint.ParseLeftovers("package etcd-server iU\npackage chrony rc\nunit etcd.service\n");

        Assert.Equal(["etcd-server", "chrony"], packages);
        Assert.Equal(["package etcd-server (iU)", "package chrony (rc)", "unit file etcd.service"], found);
    }

    [Fact]
    public void LeftoversCommand_AsksDpkgForEveryPlatformPackage_ButNotSshd()
    {
        Assert.Contains("'etcd-server'", PlatformFootprint.LeftoversCommand, StringComparison.Ordinal);
        Assert.Contains("'kubelet'", PlatformFootprint.LeftoversCommand, StringComparison.Ordinal);
        Assert.DoesNotContain("ssh.service", PlatformFootprint.LeftoversCommand, StringComparison.Ordinal);
        Assert.Empty(PlatformFootprint.ParseLeftovers("").Found);
    }
}
