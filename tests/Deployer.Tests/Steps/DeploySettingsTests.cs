using Microsoft.Extensions.Configuration;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Tests.Steps;

public class DeploySettingsTests
{
    [Fact]
    public void Read_Nothing_GivesTheDeployCommandsDefaults()
    {
        var settings = DeploySettings.Read(Config());

        Assert.Equal((null, false, DeploymentOptions.DefaultParallelism, null), (settings.State, settings.AcceptNewHostKeys, settings.Parallel, settings.EtcdSource));
        Assert.Equal(DeploySettings.DefaultKnownHosts, settings.KnownHosts);
        Assert.Equal(PhaseSelection.All.Skip, settings.Selection.Skip);
    }

    [Fact]
    public void Read_EveryOption_IsParsed()
    {
        var settings = DeploySettings.Read(Config(("State", "/tmp/s"), ("KnownHosts", "/tmp/k"), ("AcceptNewHostKeys", "True"), ("Parallel", "4"), ("Skip", "addons, cni"), ("EtcdSource", "distro")));

        Assert.Equal(("/tmp/s", "/tmp/k", true, 4, EtcdSource.DistroPackage), (settings.State, settings.KnownHosts, settings.AcceptNewHostKeys, settings.Parallel, settings.EtcdSource));
        Assert.Equal(["addons", "cni"], settings.Skip);
        Assert.False(settings.Selection.Includes(Pipeline.Phases.Single(p => p.Name == "cni")));
    }

    [Fact]
    public void Read_SkipAsAList_IsParsed()
    {
        var settings = DeploySettings.Read(Config(("Skip:0", "addons"), ("Skip:1", "cni")));

        Assert.Equal(["addons", "cni"], settings.Skip);
    }

    [Fact]
    public void Read_BadValues_ReportsEachKeyWithItsFix()
    {
        var e = Assert.Throws<DeployInputException>(() => DeploySettings.Read(Config(
            ("Paralel", "3"), ("Parallel", "0"), ("AcceptNewHostKeys", "yes"), ("Skip", "connect,etc"), ("EtcdSource", "github"), ("State", "/tmp/a\nb"))));

        Assert.Equal(6, e.Problems.Count);
        Assert.Contains("Deploy:Paralel is not a deploy option. Use one of Deploy:State", e.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy:Parallel is '0'; use a whole number from 1 to 1000", e.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy:AcceptNewHostKeys is 'yes'; use true or false", e.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy:Skip: Unknown phase 'etc'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy:EtcdSource is 'github'; use distro (the distribution's etcd package) or upstream", e.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy:State is '/tmp/a?b'; give a file system path without control characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SkippingAPrerequisite_IsRefused()
    {
        var e = Assert.Throws<DeployInputException>(() => DeploySettings.Read(Config(("Skip", "connect"))));

        Assert.Contains("Deploy:Skip: connect cannot be skipped", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HostsAndConfirm_AreParsedAsLists()
    {
        var settings = DeploySettings.Read(Config(("Hosts", "worker-2, cp-3"), ("Confirm", "reset")));

        Assert.Equal(["worker-2", "cp-3"], settings.Hosts);
        Assert.True(settings.Confirms("reset"));
        Assert.False(settings.Confirms("destroy"));
    }

    [Fact]
    public void Read_ConfirmOfAnUnknownOperationOrABadHostName_IsRefusedNamingWhatItTakes()
    {
        var e = Assert.Throws<DeployInputException>(() => DeploySettings.Read(Config(("Confirm", "reset,everything"), ("Hosts", "worker 2"))));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("Deploy:Confirm names 'everything'; it confirms only etcd-restore, etcd-replace-member, reset, destroy, remove-node, replace-node, upgrade (comma-separated)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy:Hosts names 'worker 2'; give machine names from the inventory", e.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Deploy:{v.Key}", v.Value))).Build();
}
