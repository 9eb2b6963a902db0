using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Lab.Substrates;

/// <summary>One terminal line per Deployer phase and per failure, for the lab's own progress output.</summary>
public sealed class ProgressLineObserver(Action<string> progress) : DeploymentObserver
{
    /// <inheritdoc />
    public override void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts)
        => progress($"deploy: {phase.Name} ({phase.Title}) on {hosts.Count} host(s)");

    /// <inheritdoc />
    public override void PhaseSkipped(IPhase phase, string reason) => progress($"deploy: {phase.Name} skipped ({reason})");

    /// <inheritdoc />
    public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error)
    {
        if (error is not null)
        {
            progress($"deploy: {phase.Name} FAILED on {host.Name}: {error.Message}");
        }
    }

    /// <inheritdoc />
    public override void PhaseFinished(IPhase phase, TimeSpan duration, int failures)
        => progress($"deploy: {phase.Name} finished in {duration.TotalSeconds:0.0} s{(failures > 0 ? $", {failures} host(s) failed" : "")}");
}
