using Platform.Deployer.Hosts;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Validation;

namespace Platform.Deployer.Phases;

/// <summary>Gathers every fact later phases read, in one command per host, then renders files with the real interfaces.</summary>
public sealed class GatherFactsPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "facts";

    /// <inheritdoc />
    public override string Title => "Gather facts";

    /// <inheritdoc />
    public override bool IsPrerequisite => true;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var host = step.Host;
        await GatherAsync(step, host.Facts, cancellationToken).ConfigureAwait(false);

        // What the host reports is rendered into keepalived.conf too: only a plain interface name is taken.
        if (host.Machine.Interface is null && host.Facts.InterfaceOf(host.Machine.Address.ToString()) is { } nic && SafeValues.IsInterfaceName(nic))
        {
            host.Machine = host.Machine with { Interface = nic };
        }
    }

    /// <summary>Gathers the host's facts into <paramref name="facts"/> in one command (also after a reset, to prove it left nothing).</summary>
    public static async Task GatherAsync(HostStep step, HostFacts facts, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var host = step.Host;
        var files = PlatformFootprint.Placed(context, host);
        var sysctls = context.Model.Single<OperatingSystemResource>().Sysctls.Keys;
        var result = (await step.QueryAsync(FactsScript.Build(files, HostMarkers.All.Concat(PlatformFootprint.Paths).Distinct(), sysctls), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        FactsScript.Parse(result.Output, facts);
    }

    /// <inheritdoc />
    public override Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        // keepalived and netplan name the interface; now that facts know it, render again.
        context.Render();
        return Task.CompletedTask;
    }
}
