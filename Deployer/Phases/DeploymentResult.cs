namespace Platform.Deployer.Phases;

/// <summary>What a plan or apply did.</summary>
public sealed record DeploymentResult
{
    /// <summary>True for plan.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Every change, in order.</summary>
    public required IReadOnlyList<Change> Changes { get; init; }

    /// <summary>Per-phase timing.</summary>
    public required IReadOnlyList<PhaseTiming> Timings { get; init; }

    /// <summary>Hosts that failed, with the phase and the error.</summary>
    public required IReadOnlyList<HostFailure> Failures { get; init; }

    /// <summary>Warnings (host, phase, message).</summary>
    public required IReadOnlyList<(string Host, string Phase, string Message)> Warnings { get; init; }

    /// <summary>True when the run stopped early because a phase failed.</summary>
    public bool Stopped => Failures.Count > 0;
}
