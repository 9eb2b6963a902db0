using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Steps;

/// <summary>One phase of the apply as a pipeline step (<c>aspire do etcd</c>): the same runner code as the lab's.</summary>
internal sealed class PhaseStep(IPhase phase, ParameterResource inventory)
{
    /// <summary>The step's action.</summary>
    public async Task RunAsync(PipelineStepContext context)
    {
        var session = await context.Services.GetRequiredService<DeploySessions>().GetAsync(context, inventory).ConfigureAwait(false);
        await session.RunPhaseAsync(context, phase).ConfigureAwait(false);
    }
}
