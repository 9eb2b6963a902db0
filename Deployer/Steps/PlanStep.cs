using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Deployer.Steps;

/// <summary><c>aspire do plan</c>: every phase in dry-run, along the same graph as the apply.</summary>
internal sealed class PlanStep(ParameterResource inventory)
{
    /// <summary>The step's name.</summary>
    public const string Name = "plan";

    /// <summary>The step's action.</summary>
    public async Task RunAsync(PipelineStepContext context)
    {
        var session = await context.Services.GetRequiredService<DeploySessions>().GetAsync(context, inventory).ConfigureAwait(false);
        await session.PlanAsync(context).ConfigureAwait(false);
    }
}
