using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Platform.Deployer;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;
using Platform.Deployer.State;

namespace Platform.Testing;

/// <summary>Runs the Deployer in-process the way its pipeline steps do: <see cref="DeploymentInput"/> from Deploy:* options, then the runner.</summary>
public static class DeployRuns
{
    /// <summary>The checked input for <paramref name="resources"/> with these Deploy:* options.</summary>
    public static DeploymentInput Input(IEnumerable<IResource> resources, string inventory, string state, string knownHosts, bool acceptNewHostKeys = true, string? skip = null)
    {
        var options = new Dictionary<string, string?>
        {
            ["Deploy:State"] = state,
            ["Deploy:KnownHosts"] = knownHosts,
            ["Deploy:AcceptNewHostKeys"] = acceptNewHostKeys ? "true" : "false",
        };
        if (skip is not null)
        {
            options["Deploy:Skip"] = skip;
        }

        return DeploymentInput.Load(resources, new ConfigurationBuilder().AddInMemoryCollection(options).Build(), inventory);
    }

    /// <summary>Plans or applies every phase along the phase graph (or only <paramref name="only"/> and the prerequisites).</summary>
    public static Task<DeploymentResult> RunAsync(DeploymentInput input, bool dryRun, IDeploymentObserver? observer = null, string? only = null)
    {
        var options = input.Options(dryRun);
        if (only is not null)
        {
            options = options with { Selection = PhaseSelection.Parse([only], [], Pipeline.Phases) };
        }

        return Deployment.RunAsync(input.Model, input.Inventory, new StateFolder(input.StatePath), options, observer ?? new DeploymentObserver(), CancellationToken.None);
    }
}
