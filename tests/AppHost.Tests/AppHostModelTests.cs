using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Lab.Commands;

namespace Platform.AppHost.Tests;

/// <summary>The AppHost's model as Aspire builds it (Projects.AppHost), without starting anything.</summary>
public sealed class AppHostModelTests
{
    [Fact]
    public async Task Model_IsValidAndCoversAllTenLayers()
    {
        await using var builder = await CreateAsync();

        var model = PlatformModel.Build(builder.Resources);

        Assert.Equal(Enum.GetValues<PlatformLayer>(), model.Resources.Select(r => r.Layer).Distinct().Order());
        Assert.Equal("prod", model.Cluster.Name);
        Assert.Equal(8, model.OfType<MachineResource>().Count());
    }

    [Fact]
    public async Task EveryPlatformResource_StartsNotStartedWithItsTypeAndLayer_AndStaysOutOfTheManifest()
    {
        await using var builder = await CreateAsync();

        foreach (var resource in builder.Resources.OfType<PlatformResource>())
        {
            var initial = Assert.Single(resource.Annotations.OfType<ResourceSnapshotAnnotation>()).InitialSnapshot;
            Assert.Equal(KnownResourceStates.NotStarted, initial.State?.Text);
            Assert.Equal(resource.TypeName, initial.ResourceType);
            Assert.Contains(initial.Properties, p => p.Name == PlatformResourceBuilderExtensions.LayerProperty && (string?)p.Value == PlatformResourceBuilderExtensions.LayerText(resource.Layer));
            Assert.Contains(resource.Annotations, a => a is ManifestPublishingCallbackAnnotation { Callback: null });
        }
    }

    [Fact]
    public async Task Tree_MachinesUnderTheirPool_PoolsAndAddOnsUnderTheCluster_SubnetsUnderTheNetwork()
    {
        await using var builder = await CreateAsync();
        var resources = builder.Resources;

        Assert.Equal(["cp-1", "cp-2", "cp-3"], Children(resources, "cp"));
        Assert.Equal(["worker-1", "worker-2", "worker-3"], Children(resources, "worker"));
        Assert.Equal(["lb-1", "lb-2"], Children(resources, "lb"));
        Assert.Equal(["control-plane-net", "worker-net", "load-balancer-net"], Children(resources, "private"));
        Assert.Subset(Children(resources, "prod").ToHashSet(), new HashSet<string> { "cp", "worker", "lb", "etcd", "calico", "api", "prometheus", "velero" });
        Assert.Equal(["etcd-snapshots"], Children(resources, "etcd"));
    }

    [Fact]
    public async Task RunMode_AddsTheLab_WithHealthChecksAndCommandsOnMachinesEtcdAndTheVip()
    {
        await using var builder = await CreateAsync();
        var resources = builder.Resources;

        Assert.Single(resources.OfType<LabResource>());
        foreach (var machine in resources.OfType<MachineResource>())
        {
            Assert.Equal([KnownResourceCommands.StopCommand, KnownResourceCommands.StartCommand, KnownResourceCommands.RestartCommand], Commands(machine));
            Assert.Contains(machine.Annotations, a => a is HealthCheckAnnotation { Key: var key } && key == $"{machine.Name}_sshd");
        }

        Assert.Equal([EtcdCommands.Snapshot], Commands(resources.Single(r => r.Name == "etcd")));
        Assert.Equal([VipCommands.MoveVip, VipCommands.RestoreVip], Commands(resources.Single(r => r.Name == "api")));
        Assert.DoesNotContain(resources, r => r is ParameterResource); // the inventory belongs to deploy, not to the lab
    }

    [Fact]
    public async Task PublishMode_AddsTheInventoryParameter_AndNoLabBehaviour()
    {
        await using var builder = await CreateAsync("--operation", "publish", "--step", "deploy");

        Assert.True(builder.ExecutionContext.IsPublishMode);
        Assert.Contains(builder.Resources, r => r is ParameterResource { Name: DeployerBuilderExtensions.InventoryParameter });
        Assert.All(builder.Resources.OfType<MachineResource>(), m => Assert.Empty(Commands(m)));
    }

    private static Task<IDistributedApplicationTestingBuilder> CreateAsync(params string[] args)
        => DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args, CancellationToken.None);

    private static string[] Children(IEnumerable<IResource> resources, string parent)
        => [.. resources.Where(r => r is IResourceWithParent { Parent.Name: var p } && p == parent && r is not LabResource).Select(r => r.Name)];

    private static string[] Commands(IResource resource) => [.. resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name)];
}
