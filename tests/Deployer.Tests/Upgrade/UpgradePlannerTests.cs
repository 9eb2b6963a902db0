using Platform.Deployer.Upgrade;

namespace Platform.Deployer.Tests.Upgrade;

public sealed class UpgradePlannerTests
{
    private static readonly KubernetesVersion V130 = new(1, 30, 3);
    private static readonly KubernetesVersion V131 = new(1, 31, 2);
    private static readonly string[] ControlPlanes = ["cp-1", "cp-2", "cp-3"];

    [Fact]
    public void Plan_FirstControlPlaneThenOthersOneByOneThenWorkersInBatches_EachDrainedAndUncordoned()
    {
        var workers = Enumerable.Range(1, 25).Select(i => $"worker-{i}").ToList();

        var plan = UpgradePlanner.Plan(V130, V131, ControlPlanes, workers)!;

        Assert.Equal(["check", "first control plane", "control plane", "control plane", "workers, batch 1 of 13", "workers, batch 2 of 13"], plan.Stages.Take(6).Select(s => s.Name));
        Assert.Equal(["cp-1", "cp-1", "cp-2", "cp-3"], plan.Stages.Take(4).SelectMany(s => s.Hosts));
        Assert.Equal(["worker-1", "worker-2"], plan.Stages[4].Hosts);
        Assert.Equal(["worker-25"], plan.Stages[^1].Hosts);
        Assert.All(plan.Stages.Skip(1), s => Assert.Equal(["cordon and drain", "apt source v1.31, kubeadm 1.31.2"], s.Steps.Take(2)));
        Assert.All(plan.Stages.Skip(1), s => Assert.Equal(["uncordon", "Ready"], s.Steps.TakeLast(2)));
        Assert.Equal("kubeadm upgrade plan v1.31.2 then kubeadm upgrade apply v1.31.2", plan.Stages[1].Steps[2]);
        Assert.All(plan.Stages.Skip(2), s => Assert.Equal("kubeadm upgrade node", s.Steps[2]));
        Assert.Equal("deprecated APIs removed in v1.31 not in use", plan.Stages[0].Steps[0]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(25, 2)]
    [InlineData(100, 10)]
    [InlineData(1000, 10)]
    public void BatchSize_ATenthOfThePool_AtLeastOneAtMostTen(int workers, int batch) => Assert.Equal(batch, UpgradePlanner.BatchSize(workers));

    [Fact]
    public void Plan_SkippingAMinorVersion_IsRefusedNamingTheOneToPinFirst()
    {
        var e = Assert.Throws<UpgradeException>(() => UpgradePlanner.Plan(V130, new KubernetesVersion(1, 32, 0), ControlPlanes, ["worker-1"]));

        Assert.Equal("1.30.3 → 1.32.0 skips 1.31: kubeadm upgrades one minor version at a time. Set the cluster to 1.31.14 first (WithKubernetesVersion(\"1.31.14\")), run aspire do upgrade, then the next minor.", e.Message);
    }

    [Fact]
    public void Plan_Downgrade_IsRefused()
        => Assert.StartsWith("The model pins Kubernetes 1.30.3, older than the 1.31.2 the cluster runs: kubeadm does not downgrade.", Assert.Throws<UpgradeException>(() => UpgradePlanner.Plan(V131, V130, ControlPlanes, [])).Message, StringComparison.Ordinal);

    [Fact]
    public void Plan_SameRelease_IsNothing_PatchUpgradeIsAPlan()
    {
        Assert.Null(UpgradePlanner.Plan(V130, V130, ControlPlanes, ["worker-1"]));
        Assert.NotNull(UpgradePlanner.Plan(V130, new KubernetesVersion(1, 30, 9), ControlPlanes, ["worker-1"]));
    }

    [Fact]
    public void Lines_NameEveryStageInOrder()
    {
        var lines = UpgradePlanner.Plan(V130, V131, ["cp-1"], ["worker-1"])!.Lines().ToList();

        Assert.Equal("upgrade Kubernetes 1.30.3 → 1.31.2", lines[0]);
        Assert.StartsWith("1. check: cp-1: deprecated APIs removed in v1.31 not in use", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3. workers, batch 1 of 1: worker-1: cordon and drain → ", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.30.3", "1.30.3")]
    [InlineData("1.31.2-1.1", "1.31.2")]
    public void Version_ParsesKubeadmAndPackageVersions(string text, string version) => Assert.Equal(version, KubernetesVersion.TryParse(text).ToString());

    [Fact]
    public void Version_NotARelease_IsNull() => Assert.Null(KubernetesVersion.TryParse("latest"));
}
