using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Steps;

/// <summary>
/// A node operation as a pipeline step (<c>aspire do reset</c>): it names the hosts, shows the plan, and when the
/// operation destroys and <c>Deploy:Confirm</c> does not name it, stops there with the command that applies it.
/// </summary>
internal sealed class OperationStep(INodeOperation operation, ParameterResource inventory, string command)
{
    /// <summary>The step's action.</summary>
    public async Task RunAsync(PipelineStepContext context)
    {
        var session = await context.Services.GetRequiredService<DeploySessions>().GetAsync(context, inventory).ConfigureAwait(false);
        var hosts = operation.Hosts(session.Input);
        context.ReportingStep.Log(LogLevel.Information, $"{operation.Name}: {(hosts.Count == 0 ? "no host" : string.Join(", ", hosts))}");
        var observer = new StepObserver(context.ReportingStep, namePhase: true, context.CancellationToken);
        DeploymentResult result;
        try
        {
            result = await NodeOperations.RunAsync(operation, session.Input, observer, command, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationNotConfirmedException refused) when (refused.Plan is not null)
        {
            await observer.FlushAsync().ConfigureAwait(false);
            Report(context, refused.Plan, session);
            throw;
        }
        finally
        {
            await observer.FlushAsync().ConfigureAwait(false);
        }

        Report(context, result, session);
    }

    private void Report(PipelineStepContext context, DeploymentResult result, DeploySession session)
    {
        foreach (var note in result.Notes)
        {
            context.ReportingStep.Log(LogLevel.Information, note);
        }

        foreach (var group in result.Warnings.GroupBy(w => w.Message).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            context.ReportingStep.Log(LogLevel.Warning, $"{string.Join(", ", group.Select(w => w.Host).Distinct())}: {group.Key}");
        }

        if (result.Failures.Count > 0)
        {
            throw new DeploymentFailedException(result.Failures, command);
        }

        var changed = result.Changes.Select(c => c.Host).Distinct().Count();
        context.Summary.Add(result.DryRun ? "Plan" : "Changes", $"{StepObserver.Count(result.Changes.Count, "change")} on {StepObserver.Count(changed, "host")}");
        context.Summary.Add("Hosts contacted", result.Contacted.Count == 0 ? "none" : $"{result.Contacted.Count} ({string.Join(", ", result.Contacted)})");
        context.Summary.Add("State", session.State.Path);
    }
}
