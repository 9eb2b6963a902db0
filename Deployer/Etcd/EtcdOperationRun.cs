using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>Runs an operation's phases (plan or apply) along their order and turns failures into one message.</summary>
public static class EtcdOperationRun
{
    /// <summary>Runs <paramref name="phases"/> one after another; throws naming each failed host, phase and error.</summary>
    public static async Task<DeploymentResult> RunAsync(EtcdOperationScope scope, string operation, IReadOnlyList<IPhase> phases, bool dryRun, State.Journal? journal, CancellationToken cancellationToken)
    {
        var context = scope.CreateContext(dryRun, journal);
        DeploymentResult result;
        try
        {
            result = await DeploymentRunner.RunAsync(context, PhaseGraph.Create(PipelinePhase.Sequence(phases)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await context.DisconnectAsync().ConfigureAwait(false);
        }

        return result.Failures.Count == 0 ? result : throw new EtcdOperationException(
            $"{string.Join("; ", result.Failures.Select(f => $"{f.Phase} failed on {f.Host}: {f.Error.Message}"))}. {HostFailure.Advice(result.Failures, $"aspire do {operation}")}");
    }
}
