using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Resources;
using Platform.Lab.Tests.Dashboard;

namespace Platform.Lab.Tests.Resources;

public sealed class ResourceStateStoreTests
{
    private readonly PlatformModel _model = TestDashboard.SmallModel();
    private readonly ManualTime _time = new();

    [Fact]
    public void Constructor_Model_EveryResourceWaitingInModelOrderWithItsTypeAndLayer()
    {
        var store = NewStore();

        Assert.Equal(_model.Resources.Select(r => r.Name), store.Resources.Select(r => r.Name));
        Assert.All(store.Resources, r => Assert.Equal(ResourceState.Waiting, r.State));
        var cluster = store.Find(_model.Cluster.Name);
        Assert.Equal("KubernetesCluster", cluster?.Type);
        Assert.Equal(_model.Cluster.Layer, cluster?.Layer);
    }

    [Fact]
    public void Set_SubscriberRegisteredBefore_ReceivesTheResourceChangedEvent()
    {
        var store = NewStore();
        var name = _model.Cluster.Name;
        using var subscription = store.Subscribe();
        _time.Advance(TimeSpan.FromSeconds(3));

        store.Set(name, ResourceState.Running, "ready", [new ResourceEndpoint("api", "https://127.0.0.1:6443")]);

        Assert.True(subscription.Events.TryRead(out var labEvent));
        var changed = Assert.IsType<ResourceChangedEvent>(labEvent);
        Assert.Equal(name, changed.Resource.Name);
        Assert.Equal(ResourceState.Running, changed.Resource.State);
        Assert.Equal("ready", changed.Resource.Detail);
        Assert.Equal(_time.GetUtcNow(), changed.Resource.Updated);
        Assert.Equal(changed.Resource, store.Find(name));
        Assert.False(subscription.Events.TryRead(out _));
    }

    [Fact]
    public void Set_SameStateDetailAndEndpointsAgain_PublishesNothingAndKeepsTheTime()
    {
        var store = NewStore();
        var name = _model.Cluster.Name;
        store.Set(name, ResourceState.Running, "ready", [new ResourceEndpoint("api", "https://127.0.0.1:6443")]);
        var first = store.Find(name);
        using var subscription = store.Subscribe();
        _time.Advance(TimeSpan.FromSeconds(5));

        store.Set(name, ResourceState.Running, "ready", [new ResourceEndpoint("api", "https://127.0.0.1:6443")]);
        store.Set(name, ResourceState.Running);

        Assert.False(subscription.Events.TryRead(out _));
        Assert.Same(first, store.Find(name));
    }

    [Fact]
    public void Set_NullDetailAndEndpoints_KeepsTheCurrentOnes()
    {
        var store = NewStore();
        var name = _model.Cluster.Name;
        store.Set(name, ResourceState.Starting, "pulling images", [new ResourceEndpoint("api", "https://127.0.0.1:6443")]);

        store.Set(name, ResourceState.Running);

        var snapshot = store.Find(name);
        Assert.Equal(ResourceState.Running, snapshot?.State);
        Assert.Equal("pulling images", snapshot?.Detail);
        Assert.Equal("api", Assert.Single(snapshot!.Endpoints).Name);
    }

    [Fact]
    public void Set_UnknownResource_ThrowsNamingItAndTheKnownOnes()
    {
        var store = NewStore();

        var error = Assert.Throws<KeyNotFoundException>(() => store.Set("no-such-thing", ResourceState.Running));

        Assert.Contains("'no-such-thing'", error.Message, StringComparison.Ordinal);
        Assert.Contains(_model.Cluster.Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscribe_Disposed_ReceivesNothingMore()
    {
        var store = NewStore();
        var subscription = store.Subscribe();

        subscription.Dispose();
        store.SetLab("later");

        Assert.False(subscription.Events.TryRead(out _));
        Assert.True(subscription.Events.Completion.IsCompleted);
    }

    [Fact]
    public void AppendLog_MoreThanMaxLogLines_KeepsTheLastMaxLogLines()
    {
        var store = NewStore();
        var name = _model.Cluster.Name;
        var total = ResourceStateStore.MaxLogLines + 25;

        for (var i = 1; i <= total; i++)
        {
            store.AppendLog(name, $"line {i}");
        }

        var lines = store.Logs(name);
        Assert.Equal(ResourceStateStore.MaxLogLines, lines?.Count);
        Assert.Equal("line 26", lines![0]);
        Assert.Equal($"line {total}", lines[^1]);
        Assert.Equal([$"line {total - 1}", $"line {total}"], store.Logs(name, tail: 2));
    }

    [Fact]
    public void AppendLog_UnknownResource_IsIgnoredAndLogsReturnsNull()
    {
        var store = NewStore();
        using var subscription = store.Subscribe();

        store.AppendLog("not-added-yet", "early line");

        Assert.Null(store.Logs("not-added-yet"));
        Assert.False(subscription.Events.TryRead(out _));
    }

    [Fact]
    public void Add_NewMachine_AppendsItWaitingAndPublishes()
    {
        var store = NewStore();
        using var subscription = store.Subscribe();

        store.Add("extra-1", "Machine", PlatformLayer.Infrastructure);
        store.Add("extra-1", "Machine", PlatformLayer.Infrastructure);

        Assert.Equal("extra-1", store.Resources[^1].Name);
        Assert.Equal(ResourceState.Waiting, store.Resources[^1].State);
        Assert.True(subscription.Events.TryRead(out var labEvent));
        Assert.Equal("extra-1", Assert.IsType<ResourceChangedEvent>(labEvent).Resource.Name);
        Assert.False(subscription.Events.TryRead(out _));
    }

    [Fact]
    public void DeployProgress_PhasesInTheOrderTheyStartedHostsInTheOrderTheyArrived()
    {
        var store = NewStore();

        store.SetDeploy(Entry("prepare", "cp-1", DeployStepStatus.Done));
        store.SetDeploy(Entry("etcd", "cp-1", DeployStepStatus.Running));
        store.SetDeploy(Entry("prepare", "worker-1", DeployStepStatus.Done));
        store.SetDeploy(Entry("addons", "*", DeployStepStatus.Skipped));
        store.SetDeploy(Entry("etcd", "cp-1", DeployStepStatus.Failed));

        Assert.Equal(
            ["prepare/cp-1/Done", "prepare/worker-1/Done", "etcd/cp-1/Failed", "addons/*/Skipped"],
            store.DeployProgress.Select(e => $"{e.Phase}/{e.Host}/{e.Status}"));
        Assert.Equal(DeployStepStatus.Failed, store.FindDeploy("etcd", "cp-1")?.Status);
    }

    [Fact]
    public void SetLab_MessageOnly_KeepsReadyAndPublishes()
    {
        var store = NewStore();
        store.SetLab("up", ready: true);
        using var subscription = store.Subscribe();

        store.SetLab("deploying");

        Assert.Equal(new LabStatus("test", "fast", "deploying", true), store.Lab);
        Assert.True(subscription.Events.TryRead(out var labEvent));
        Assert.Equal(store.Lab, Assert.IsType<LabStatusEvent>(labEvent).Lab);
    }

    private ResourceStateStore NewStore() => new(_model, new LabStatus("test", "fast", "starting", false), _time);

    private static DeployProgressEntry Entry(string phase, string host, DeployStepStatus status) => new(phase, host, status, 0, null, null);

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
