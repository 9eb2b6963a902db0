using Platform.Lab.Resources;

namespace Platform.Lab.Tests.Resources;

public sealed class ResourcePhasesTests
{
    private static readonly string[] Cluster = ["kubernetes-packages", "init", "api-server-etcd", "join-control-planes", "join-workers"];

    [Fact]
    public void StateFrom_NoCellYet_IsNull()
        => Assert.Null(ResourcePhases.StateFrom(["etcd"], [Cell("prepare", "cp-1", DeployStepStatus.Done)]));

    [Fact]
    public void StateFrom_OneHostFailed_FailedNamingPhaseHostAndError()
    {
        var state = ResourcePhases.StateFrom(["etcd"], [Cell("etcd", "cp-1", DeployStepStatus.Done), Cell("etcd", "cp-2", DeployStepStatus.Failed, "member did not join")]);

        Assert.Equal((ResourceState.Failed, "etcd failed on cp-2: member did not join"), state);
    }

    [Fact]
    public void StateFrom_SomePhasesNotStarted_Starting()
    {
        var state = ResourcePhases.StateFrom(Cluster, [Cell("kubernetes-packages", "cp-1", DeployStepStatus.Done), Cell("init", "cp-1", DeployStepStatus.Running)]);

        Assert.Equal(ResourceState.Starting, state?.State);
        Assert.Equal("deploying: init", state?.Detail);
    }

    [Fact]
    public void StateFrom_AllPhasesDoneOrResumed_Running()
    {
        var state = ResourcePhases.StateFrom(["etcd"], [Cell("etcd", "cp-1", DeployStepStatus.Resumed), Cell("etcd", "cp-2", DeployStepStatus.Done)]);

        Assert.Equal(ResourceState.Running, state?.State);
    }

    [Fact]
    public void StateFrom_APhaseSkipped_NotInSubstrateSayingWhich()
    {
        var state = ResourcePhases.StateFrom(["addons"], [Cell("addons", "*", DeployStepStatus.Skipped, "not selected")]);

        Assert.Equal(ResourceState.NotInSubstrate, state?.State);
        Assert.StartsWith("not deployed in this lab: phase addons is skipped (Lab:Skip;", state?.Detail, StringComparison.Ordinal);
    }

    private static DeployProgressEntry Cell(string phase, string host, DeployStepStatus status, string? error = null) => new(phase, host, status, 0, null, error);
}
