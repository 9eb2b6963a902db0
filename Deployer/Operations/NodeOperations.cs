using Platform.Deployer.Phases;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>Runs a node operation as its pipeline step does: a destructive one is only planned unless <c>Deploy:Confirm</c> names it.</summary>
public static class NodeOperations
{
    /// <summary>Applies <paramref name="operation"/>, or plans it and throws when it destroys and is not confirmed.</summary>
    /// <exception cref="OperationNotConfirmedException">It destroys and <c>Deploy:Confirm</c> does not name it; <see cref="OperationNotConfirmedException.Plan"/> is what it would do.</exception>
    public static async Task<DeploymentResult> RunAsync(INodeOperation operation, DeploymentInput input, IDeploymentObserver observer, string again, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(input);
        var hosts = operation.Hosts(input);
        if (!operation.Destroys || input.Settings.Confirms(operation.Name))
        {
            return await operation.RunAsync(input, apply: true, observer, cancellationToken).ConfigureAwait(false);
        }

        var plan = await operation.RunAsync(input, apply: false, observer, cancellationToken).ConfigureAwait(false);
        throw new OperationNotConfirmedException(operation.Name, hosts, operation.What, again) { Plan = plan };
    }
}
