using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Platform.Deployer.Inventory;
using Platform.Deployer.Steps;
using Platform.Hosting.Publishing;
using Platform.Hosting.Validation;
using Platform.Testing;

namespace Platform.Deployer.Tests.Security;

/// <summary>
/// Model and inventory strings that reach root shells and configuration files: each payload is refused with an
/// error naming the field, before anything is written locally or touched on a host.
/// </summary>
public sealed class InjectionTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("backup@10.77.3.50:/srv/$(touch${IFS}/tmp/pwned)")]
    [InlineData("backup@10.77.3.50:/srv/`id`")]
    [InlineData("backup@10.77.3.50:/srv/x;reboot")]
    [InlineData("-oProxyCommand=sh@host:/srv")]
    [InlineData("backup@-oProxyCommand=id:/srv")]
    [InlineData("backup@host:/srv/a b")]
    [InlineData("backup@host:/srv/a\nb")]
    public void CopyTo_ShellPayload_IsRefusedNamingCopyTo_AndNothingIsPublishedOrDeployed(string payload)
    {
        IDistributedApplicationBuilder Model()
        {
            var builder = DeployerTestModels.Lab();
            builder.CreateResourceBuilder(builder.Resources.OfType<Aspire.Hosting.ApplicationModel.EtcdClusterResource>().Single()).AddSnapshots(TimeSpan.FromHours(6), 4, payload);
            return builder;
        }

        AssertRefusedEverywhere(Model, "copyTo");
    }

    [Fact]
    public void CopyTo_PlainTarget_IsAccepted()
        => Assert.True(SafeValues.IsRsyncTarget("backup@backup-1.example.com:/srv/etcd-snapshots"));

    [Theory]
    [InlineData("https://mirror.internal/k8s/v1.30/deb/ /\ndeb http://evil.example/ ./")]
    [InlineData("ftp://mirror.internal/k8s/")]
    [InlineData("mirror.internal/k8s/")]
    [InlineData("https://mirror.internal/$(id)/")]
    [InlineData("file:///etc/")]
    public void PackageMirror_NotAnAbsoluteHttpUrl_IsRefusedNamingTheMirror(string payload)
        => AssertRefusedEverywhere(() =>
        {
            var builder = DeployerTestModels.Lab();
            builder.CreateResourceBuilder(builder.Resources.OfType<Aspire.Hosting.ApplicationModel.KubernetesClusterResource>().Single()).WithKubernetesPackageMirror(payload);
            return builder;
        }, "package mirror");

    [Theory]
    [InlineData("eth0\n    virtual_server 10.0.0.1 80 {")]
    [InlineData("eth0 dev lo")]
    [InlineData("$(reboot)")]
    [InlineData("averyveryverylongname0")]
    public void VipInterface_NotAnInterfaceName_IsRefusedNamingTheInterface(string payload)
        => AssertRefusedEverywhere(() =>
        {
            var builder = DeployerTestModels.Lab();
            var lb = builder.Resources.OfType<Aspire.Hosting.ApplicationModel.ApiLoadBalancerResource>().Single();
            var vip = lb.VirtualIp;
            lb.Annotations.Remove(vip);
            lb.Annotations.Add(vip with { Interface = payload });
            return builder;
        }, "VIP interface");

    [Theory]
    [InlineData("eth0\n    virtual_server 10.0.0.1 80 {")]
    [InlineData("eth0 dev lo")]
    [InlineData("eth0;reboot")]
    public void InventoryInterface_NotAnInterfaceName_IsRefusedNamingTheField_BeforeAnyStateIsCreated(string payload)
    {
        var key = _dir.Combine("id_ed25519");
        File.WriteAllText(key, "not read");
        var inventory = _dir.Combine("inventory.yaml");
        var quoted = payload.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        File.WriteAllText(inventory, Inventory().Replace("    interface: eth0\n", $"    interface: \"{quoted}\"\n", StringComparison.Ordinal));
        var state = _dir.Combine("state");

        var e = Assert.Throws<InventoryException>(() => DeployRuns.Input(DeployerTestModels.Lab().Resources, inventory, state, _dir.Combine("known_hosts")));

        var problem = Assert.Single(e.Problems);
        Assert.Contains("Machine 'lb-1': interface '", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
        Assert.False(Directory.Exists(state), "the state folder was created");
        Assert.False(File.Exists(_dir.Combine("known_hosts")), "known_hosts was written");
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("ens3")]
    [InlineData("enp0s31f6")]
    [InlineData("bond0.100")]
    public void InterfaceName_RealNames_AreAccepted(string name) => Assert.True(SafeValues.IsInterfaceName(name));

    /// <summary>
    /// The model is refused by validation with an error naming <paramref name="field"/>; publish writes no file and
    /// the deploy input (which comes before any connection) fails, so no host is touched.
    /// </summary>
    private void AssertRefusedEverywhere(Func<IDistributedApplicationBuilder> model, string field)
    {
        var e = Assert.Throws<PlatformValidationException>(() => model().BuildModel());
        var error = Assert.Single(e.Errors);
        Assert.Contains(field, error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Problem);

        var output = _dir.Combine("out");
        Assert.Throws<PlatformValidationException>(() => PlatformPublisher.Publish(model().BuildModel(), output));
        Assert.False(Directory.Exists(output), "publish wrote files");

        var key = _dir.Combine("id_ed25519");
        File.WriteAllText(key, "not read");
        var inventory = _dir.Combine("inventory.yaml");
        File.WriteAllText(inventory, Inventory());
        var state = _dir.Combine("state");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Deploy:State"] = state, ["Deploy:KnownHosts"] = _dir.Combine("known_hosts") }).Build();
        Assert.Throws<PlatformValidationException>(() => DeploymentInput.Load(model().Resources, config, inventory));
        Assert.False(Directory.Exists(state), "the state folder was created");
    }

    private static string Inventory() => TestInventories.LabYaml(interfaceOn: "lb-1");
}
