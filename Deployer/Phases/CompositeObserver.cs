using Platform.Deployer.Hosts;

namespace Platform.Deployer.Phases;

/// <summary>Forwards every event to several observers.</summary>
public sealed class CompositeObserver(params IDeploymentObserver[] observers) : IDeploymentObserver
{
    /// <inheritdoc />
    public void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts) => Each(o => o.PhaseStarted(phase, hosts));

    /// <inheritdoc />
    public void PhaseSkipped(IPhase phase, string reason) => Each(o => o.PhaseSkipped(phase, reason));

    /// <inheritdoc />
    public void HostStarted(IPhase phase, DeployHost host) => Each(o => o.HostStarted(phase, host));

    /// <inheritdoc />
    public void HostResumed(IPhase phase, DeployHost host) => Each(o => o.HostResumed(phase, host));

    /// <inheritdoc />
    public void ChangeRecorded(Change change, bool applied) => Each(o => o.ChangeRecorded(change, applied));

    /// <inheritdoc />
    public void Warning(string host, IPhase phase, string message) => Each(o => o.Warning(host, phase, message));

    /// <inheritdoc />
    public void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error) => Each(o => o.HostFinished(phase, host, duration, error));

    /// <inheritdoc />
    public void PhaseFinished(IPhase phase, TimeSpan duration, int failures) => Each(o => o.PhaseFinished(phase, duration, failures));

    private void Each(Action<IDeploymentObserver> action)
    {
        foreach (var observer in observers)
        {
            action(observer);
        }
    }
}
