using Platform.Deployer.Phases;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>
/// A node lifecycle operation (<c>aspire do add-node</c>, <c>remove-node</c>, <c>reset</c>...): planned first, applied
/// only with <c>Deploy:Confirm</c> naming it when it destroys, journaled, and scoped to the hosts it must touch.
/// Pipeline steps and tests run it the same way.
/// </summary>
public interface INodeOperation
{
    /// <summary>The name the user types and confirms (<c>reset</c>).</summary>
    string Name { get; }

    /// <summary>True when it throws data or machines away: it applies only when <c>Deploy:Confirm</c> names it.</summary>
    bool Destroys { get; }

    /// <summary>What it does to the hosts it names, for the refusal message ("reset ...").</summary>
    string What { get; }

    /// <summary>The hosts it changes by design (checked input), named before anything happens.</summary>
    IReadOnlyList<string> Hosts(DeploymentInput input);

    /// <summary>Plans (<paramref name="apply"/> false) or applies it.</summary>
    Task<DeploymentResult> RunAsync(DeploymentInput input, bool apply, IDeploymentObserver observer, CancellationToken cancellationToken);
}
