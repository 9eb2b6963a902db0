using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Validation;

namespace Platform.Hosting.Tests.Validation;

public class PlatformValidatorTests
{
    [Fact]
    public void Build_ProductionModel_IsValid()
    {
        var model = TestModels.Production().BuildModel();

        Assert.Equal(8, model.PlanTopology().Machines.Count);
    }

    [Fact]
    public void Build_SmallModel_IsValid()
    {
        var model = TestModels.Small().BuildModel();

        Assert.Single(model.PlanTopology().ControlPlanes);
    }

    [Fact]
    public void Build_DeveloperGroupWithoutNamespaces_RefusedNamingTheGroupAndTheFix()
    {
        var builder = TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<RbacResource>().Single()).WithAccessGroup("contractors", AccessLevel.Developer));

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        var error = Assert.Single(e.Errors);
        Assert.Equal("Rbac 'rbac'", error.Resource);
        Assert.Contains("'contractors' has no namespaces", error.Problem, StringComparison.Ordinal);
        Assert.Contains("WithAccessGroup(\"contractors\", AccessLevel.Developer, \"apps\")", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kube-system")]
    [InlineData("monitoring")]
    [InlineData("cert-manager")]
    public void Build_DeveloperGroupInAPlatformNamespace_Refused(string ns)
    {
        var builder = TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<RbacResource>().Single()).WithAccessGroup("team-b", AccessLevel.Developer, "team-b", ns));

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        Assert.Contains($"platform namespace '{ns}'", Assert.Single(e.Errors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BrokenModel_ListsEveryErrorNotOnlyTheFirst()
    {
        var builder = DistributedApplication.CreateBuilder();
        var network = builder.AddNetwork("private", "10.20.0.0/16");
        var a = network.AddSubnet("a", "10.20.1.0/24");
        var b = network.AddSubnet("b", "10.20.1.128/25");
        var lbNet = network.AddSubnet("lbs", "10.20.3.0/24");
        builder.AddOperatingSystem();
        var cluster = builder.AddKubernetesCluster("prod", "1.29.0");
        cluster.AddControlPlanes(2, a);
        cluster.AddWorkers("worker", 2, b);
        cluster.AddEtcd();
        cluster.AddCalico();
        cluster.AddLonghorn();
        cluster.AddApiLoadBalancer("api", 2, lbNet, "10.20.9.9");

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        Assert.Contains(e.Errors, x => x.Problem.Contains("overlaps", StringComparison.Ordinal) && x.Resource == "Subnet 'b'");
        Assert.Contains(e.Errors, x => x.Problem.StartsWith("2 control planes", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Problem.Contains("1.29.0 is not supported", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Problem.Contains("no default StorageClass", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Problem.Contains("VIP 10.20.9.9 is outside", StringComparison.Ordinal));
        Assert.All(e.Errors, x => Assert.False(string.IsNullOrWhiteSpace(x.Fix)));
        Assert.Contains("errors:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddResource_NameAlreadyUsed_IsRefusedNamingBothResources()
    {
        var builder = DistributedApplication.CreateBuilder();
        var network = builder.AddNetwork("private", "10.20.0.0/16");
        var cluster = builder.AddKubernetesCluster("prod");
        cluster.AddWorkers("worker", 2, network.AddSubnet("workers", "10.20.2.0/24"));

        var e = Assert.Throws<DistributedApplicationException>(() => network.AddSubnet("Worker", "10.20.4.0/24"));

        Assert.Contains("'Worker'", e.Message, StringComparison.Ordinal);
        Assert.Contains("NodePoolResource", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Build_EvenOrZeroControlPlanes_IsRejected(int count)
    {
        var builder = TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<NodePoolResource>().Single(p => p.Role == NodeRole.ControlPlane)).WithCount(count));

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        var error = Assert.Single(e.Errors);
        Assert.Equal("NodePool 'cp'", error.Resource);
        Assert.Contains("odd", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PodCidrOverlappingMachineNetwork_IsRejected()
    {
        var builder = TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<KubernetesClusterResource>().Single()).WithPodCidr("10.20.128.0/17"));

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        Assert.Contains(e.Errors, x => x.Problem.Contains("pod CIDR 10.20.128.0/17 overlaps the machine network", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_VipOnAPlannedMachineAddress_IsRejected()
    {
        var builder = TestModels.Production(b =>
        {
            var lb = b.Resources.OfType<ApiLoadBalancerResource>().Single();
            b.CreateResourceBuilder(lb).WithAnnotation(lb.VirtualIp with { Address = System.Net.IPAddress.Parse("10.20.3.11") }, ResourceAnnotationMutationBehavior.Replace);
        });

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        Assert.Contains(e.Errors, x => x.Problem.Contains("planned address of machine 'lb-1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_TwoDefaultStorageClasses_IsRejected()
    {
        var builder = TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<CsiDriverResource>().Single()).WithDefaultStorageClass("fast"));

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        Assert.Contains(e.Errors, x => x.Problem.Contains("2 StorageClasses are marked default", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_FlannelWithNetworkPolicies_IsRejected()
    {
        var builder = TestModels.Production(b =>
        {
            var calico = b.Resources.OfType<CniResource>().Single();
            b.Resources.Remove(calico);
            b.CreateResourceBuilder(b.Resources.OfType<KubernetesClusterResource>().Single()).AddFlannel();
        });

        var e = Assert.Throws<PlatformValidationException>(() => builder.BuildModel());

        Assert.Contains(e.Errors, x => x.Problem.Contains("Flannel does not enforce", StringComparison.Ordinal));
    }

    [Fact]
    public void AddSubnet_InvalidCidr_ThrowsNamingTheSubnetAndTheFormat()
    {
        var network = DistributedApplication.CreateBuilder().AddNetwork("private", "10.20.0.0/16");

        var e = Assert.Throws<PlatformModelException>(() => network.AddSubnet("workers", "10.20.2.7/24"));

        Assert.Contains("Subnet 'workers'", e.Message, StringComparison.Ordinal);
        Assert.Contains("host bits zero", e.Message, StringComparison.Ordinal);
    }
}
