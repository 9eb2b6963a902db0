using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Steps;

/// <summary>A phase failed on one or more hosts; the message names each host, the phase, the error and whether a retry can help.</summary>
public sealed class DeploymentFailedException(IReadOnlyList<HostFailure> failures, string again)
    : PlatformException($"{string.Join("; ", failures.Select(f => $"{f.Phase} failed on {f.Host}: {f.Error.Message}"))}. {HostFailure.Advice(failures, again)}")
{
    /// <summary>The failures.</summary>
    public IReadOnlyList<HostFailure> Failures { get; } = failures;
}
