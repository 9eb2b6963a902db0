using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;
using Platform.Testing;

namespace Platform.Deployer.Tests.Operations;

public sealed class NodeOperationsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_DestructiveNotConfirmed_OnlyPlansAndRefusesNamingHostsAndTheOption()
    {
        var operation = new RecordingOperation(destroys: true);

        var e = await Assert.ThrowsAsync<OperationNotConfirmedException>(() => NodeOperations.RunAsync(operation, OperationInputs.Create(_dir), new DeploymentObserver(), "aspire do wipe", CancellationToken.None));

        Assert.Equal([false], operation.Runs);
        Assert.Equal("wipe was planned, not applied: nothing changed. It would wipe the disks on worker-1, worker-2 (the plan above says how). Run aspire do wipe again with --Deploy:Confirm=wipe (and the same options) to apply it.", e.Message);
        Assert.Same(operation.Plan, e.Plan);
    }

    [Fact]
    public async Task Run_DestructiveConfirmed_Applies()
    {
        var operation = new RecordingOperation(destroys: true, name: "reset");

        await NodeOperations.RunAsync(operation, OperationInputs.Create(_dir, ("Confirm", "reset")), new DeploymentObserver(), "aspire do reset", CancellationToken.None);

        Assert.Equal([true], operation.Runs);
    }

    [Fact]
    public async Task Run_ConfirmingAnotherOperation_DoesNotApplyThisOne()
    {
        var operation = new RecordingOperation(destroys: true, name: "reset");

        await Assert.ThrowsAsync<OperationNotConfirmedException>(() => NodeOperations.RunAsync(operation, OperationInputs.Create(_dir, ("Confirm", "destroy")), new DeploymentObserver(), "aspire do reset", CancellationToken.None));

        Assert.Equal([false], operation.Runs);
    }

    [Fact]
    public async Task Run_NotDestructive_AppliesWithoutConfirmation()
    {
        var operation = new RecordingOperation(destroys: false);

        await NodeOperations.RunAsync(operation, OperationInputs.Create(_dir), new DeploymentObserver(), "aspire do wipe", CancellationToken.None);

        Assert.Equal([true], operation.Runs);
    }

    /// <summary>An operation that records whether each run applied.</summary>
    private sealed class RecordingOperation(bool destroys, string name = "wipe") : INodeOperation
    {
        public List<bool> Runs { get; } = [];

        public DeploymentResult Plan { get; } = new() { DryRun = true, Changes = [], Timings = [], Failures = [], Warnings = [] };

        public string Name => name;

        public bool Destroys => destroys;

        public string What => "wipe the disks";

        public IReadOnlyList<string> Hosts(DeploymentInput input) => ["worker-1", "worker-2"];

        public Task<DeploymentResult> RunAsync(DeploymentInput input, bool apply, IDeploymentObserver observer, CancellationToken cancellationToken)
        {
            Runs.Add(apply);
            return Task.FromResult(Plan);
        }
    }
}
