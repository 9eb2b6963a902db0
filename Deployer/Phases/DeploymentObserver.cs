using Platform.Deployer.Hosts;

namespace Platform.Deployer.Phases;

/// <summary>An observer that does nothing; override what you need.</summary>
public class DeploymentObserver : IDeploymentObserver
{
    /// <inheritdoc />
    public virtual void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts) { }

    /// <inheritdoc />
    public virtual void PhaseSkipped(IPhase phase, string reason) { }

    /// <inheritdoc />
    public virtual void HostStarted(IPhase phase, DeployHost host) { }

    /// <inheritdoc />
    public virtual void HostResumed(IPhase phase, DeployHost host) { }

    /// <inheritdoc />
    public virtual void ChangeRecorded(Change change, bool applied) { }

    /// <inheritdoc />
    public virtual void Warning(string host, IPhase phase, string message) { }

    /// <inheritdoc />
    public virtual void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error) { }

    /// <inheritdoc />
    public virtual void PhaseFinished(IPhase phase, TimeSpan duration, int failures) { }
}
