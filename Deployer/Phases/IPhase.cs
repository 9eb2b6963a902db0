namespace Platform.Deployer.Phases;

/// <summary>
/// One step of a deployment. A phase selects its hosts, gathers what it needs, and makes each change
/// through <see cref="HostStep.ChangeAsync"/>, which performs it on apply and only records it on plan.
/// </summary>
public interface IPhase
{
    /// <summary>The short name used by --only and --skip (for example <c>etcd</c>).</summary>
    string Name { get; }

    /// <summary>What the phase does, for progress and tables.</summary>
    string Title { get; }

    /// <summary>True for read-only phases every run needs (connect, detect OS, facts, validate): never skipped, never journaled.</summary>
    bool IsPrerequisite { get; }

    /// <summary>True for a phase that only checks (verify): in a scoped run it runs on every host in scope, whatever its fingerprint.</summary>
    bool IsCheck { get; }

    /// <summary>How many hosts the phase works on at once; null uses the run's --parallel.</summary>
    int? MaxParallelism { get; }

    /// <summary>The hosts the phase runs on.</summary>
    IEnumerable<Hosts.DeployHost> SelectHosts(DeploymentContext context);

    /// <summary>Runs before any host (cluster-wide preparation).</summary>
    Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken);

    /// <summary>Does the phase's work on one host.</summary>
    Task RunAsync(HostStep step, CancellationToken cancellationToken);

    /// <summary>Runs after every host succeeded (cluster-wide waits and checks); on plan too, so it must respect <see cref="DeploymentContext.DryRun"/>.</summary>
    Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken);

    /// <summary>A hash of what the phase is asked to do on a host; the journal skips a step whose fingerprint is unchanged.</summary>
    string Fingerprint(HostStep step);
}
