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

        if (result.Failures.Count == 0)
        {
            return result;
        }

        var again = $"aspire do {operation}{(journal is null ? "" : " (members already done are skipped)")}";
        throw new EtcdOperationException($"{string.Join("; ", result.Failures.Select(f => $"{f.Phase} failed on {f.Host}: {f.Error.Message.TrimEnd('.')}"))}. " +
            (result.Failures.All(f => f.Retryable) ? $"Run {again} again once the hosts are reachable." : $"Fix the cause above, then run {again} again."));
    }
}
