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

    /// <summary>The hosts the run connected to, in inventory order.</summary>
    public IReadOnlyList<string> Contacted { get; init; } = [];

    /// <summary>What a node operation decided before acting (its scope, hosts skipped and why), in the order it decided.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The runs of one operation as one result (the same host contacted twice counts once).</summary>
    public static DeploymentResult Combine(bool dryRun, IEnumerable<DeploymentResult> runs, IEnumerable<string>? notes = null)
    {
        var list = runs.ToList();
        return new DeploymentResult
        {
            DryRun = dryRun,
            Changes = [.. list.SelectMany(r => r.Changes)],
            Timings = [.. list.SelectMany(r => r.Timings)],
            Failures = [.. list.SelectMany(r => r.Failures)],
            Warnings = [.. list.SelectMany(r => r.Warnings)],
            Contacted = [.. list.SelectMany(r => r.Contacted).Distinct(StringComparer.Ordinal)],
            Notes = [.. (notes ?? []).Concat(list.SelectMany(r => r.Notes))],
        };
    }

    /// <summary>True when the run stopped early because a phase failed.</summary>
    public bool Stopped => Failures.Count > 0;
}
