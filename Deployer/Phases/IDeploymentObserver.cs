using Platform.Deployer.Hosts;

namespace Platform.Deployer.Phases;

/// <summary>Receives progress of a run: the console, OpenTelemetry and the dashboard each implement it.</summary>
public interface IDeploymentObserver
{
    /// <summary>A phase starts on its hosts.</summary>
    void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts);

    /// <summary>A phase does not run (not selected).</summary>
    void PhaseSkipped(IPhase phase, string reason);

    /// <summary>A host starts a phase.</summary>
    void HostStarted(IPhase phase, DeployHost host);

    /// <summary>A host's step was done by an earlier, interrupted apply and is skipped.</summary>
    void HostResumed(IPhase phase, DeployHost host);

    /// <summary>A change was planned (plan) or made (apply).</summary>
    void ChangeRecorded(Change change, bool applied);

    /// <summary>Something worth knowing that is not a failure (a module a container cannot load).</summary>
    void Warning(string host, IPhase phase, string message);

    /// <summary>A host finished a phase, with the error when it failed.</summary>
    void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error);

    /// <summary>A phase finished on all its hosts.</summary>
    void PhaseFinished(IPhase phase, TimeSpan duration, int failures);
}
