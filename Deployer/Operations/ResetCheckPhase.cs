using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Operations;

/// <summary>After a reset, gathers the host's facts afresh and fails naming anything of the platform still there.</summary>
public sealed class ResetCheckPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "reset-check";

    /// <inheritdoc />
    public override string Title => "Check that nothing of the platform is left";

    /// <inheritdoc />
    public override bool IsCheck => true;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Name;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        if (step.Context.DryRun)
        {
            return;
        }

        var facts = new HostFacts();
        await GatherFactsPhase.GatherAsync(step, facts, cancellationToken).ConfigureAwait(false);
        var (_, leftovers) = PlatformFootprint.ParseLeftovers((await step.QueryAsync(PlatformFootprint.LeftoversCommand, cancellationToken).ConfigureAwait(false)).EnsureSuccess().Output);
        var left = PlatformFootprint.Found(step.Context, step.Host, facts).Concat(leftovers).Distinct().ToList();
        if (left.Count > 0)
        {
            throw new PlatformException($"{step.Host.Name}: the reset left {string.Join(", ", left)}. Run the reset again; if it stays, remove it by hand.");
        }
    }
}
