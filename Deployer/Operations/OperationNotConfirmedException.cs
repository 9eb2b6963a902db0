using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Operations;

/// <summary>A destructive operation was planned but not applied: <c>Deploy:Confirm</c> does not name it. Nothing changed.</summary>
public sealed class OperationNotConfirmedException(string operation, IReadOnlyList<string> hosts, string what, string again)
    : PlatformException($"{operation} was planned, not applied: nothing changed. It would {what} on {string.Join(", ", hosts)} (the plan above says how). Run {again} again with --Deploy:Confirm={operation} (and the same options) to apply it.")
{
    /// <summary>The operation.</summary>
    public string Operation { get; } = operation;

    /// <summary>What it would do.</summary>
    public Phases.DeploymentResult? Plan { get; init; }

    /// <summary>The hosts it would change.</summary>
    public IReadOnlyList<string> Hosts { get; } = hosts;
}
