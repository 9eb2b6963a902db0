using System.Collections.Concurrent;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Steps;

/// <summary>
/// The observer of a session's apply: each phase runs in its own pipeline step, so each phase's events go to
/// the observer of the step running it.
/// </summary>
internal sealed class PhaseRouter : IDeploymentObserver
{
    private readonly ConcurrentDictionary<string, IDeploymentObserver> _byPhase = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="phase"/>'s events to <paramref name="observer"/>.</summary>
    public void Attach(string phase, IDeploymentObserver observer) => _byPhase[phase] = observer;

    /// <inheritdoc />
    public void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts) => For(phase.Name)?.PhaseStarted(phase, hosts);

    /// <inheritdoc />
    public void PhaseSkipped(IPhase phase, string reason) => For(phase.Name)?.PhaseSkipped(phase, reason);

    /// <inheritdoc />
    public void HostStarted(IPhase phase, DeployHost host) => For(phase.Name)?.HostStarted(phase, host);

    /// <inheritdoc />
    public void HostResumed(IPhase phase, DeployHost host) => For(phase.Name)?.HostResumed(phase, host);

    /// <inheritdoc />
    public void ChangeRecorded(Change change, bool applied) => For(change.Phase)?.ChangeRecorded(change, applied);

    /// <inheritdoc />
    public void Warning(string host, IPhase phase, string message) => For(phase.Name)?.Warning(host, phase, message);

    /// <inheritdoc />
    public void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error) => For(phase.Name)?.HostFinished(phase, host, duration, error);

    /// <inheritdoc />
    public void PhaseFinished(IPhase phase, TimeSpan duration, int failures) => For(phase.Name)?.PhaseFinished(phase, duration, failures);

    private IDeploymentObserver? For(string phase) => _byPhase.GetValueOrDefault(phase);
}
