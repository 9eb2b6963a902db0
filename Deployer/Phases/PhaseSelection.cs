namespace Platform.Deployer.Phases;

/// <summary>--only / --skip. Prerequisite phases (connect, os, facts, validate) always run.</summary>
/// <param name="Only">When set, only these phases (plus prerequisites) run.</param>
/// <param name="Skip">Phases that do not run.</param>
public sealed record PhaseSelection(IReadOnlySet<string>? Only, IReadOnlySet<string> Skip)
{
    /// <summary>Every phase.</summary>
    public static PhaseSelection All { get; } = new(null, new HashSet<string>());

    /// <summary>Parses comma-separated lists, rejecting unknown names with the list of valid ones.</summary>
    /// <exception cref="ArgumentException">A name is not a phase.</exception>
    public static PhaseSelection Parse(IEnumerable<string> only, IEnumerable<string> skip, IReadOnlyList<IPhase> pipeline)
    {
        static HashSet<string> Split(IEnumerable<string> values) => values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        var onlySet = Split(only);
        var skipSet = Split(skip);
        var known = pipeline.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = onlySet.Concat(skipSet).Where(n => !known.Contains(n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown phase{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Phases, in order: {string.Join(", ", pipeline.Select(p => p.Name))}.");
        }

        var prerequisites = pipeline.Where(p => p.IsPrerequisite).Select(p => p.Name).Intersect(skipSet).ToList();
        if (prerequisites.Count > 0)
        {
            throw new ArgumentException($"{string.Join(", ", prerequisites)} cannot be skipped: every run needs them to reach and inspect the hosts.");
        }

        return new PhaseSelection(onlySet.Count > 0 ? onlySet : null, skipSet);
    }

    /// <summary>True when the phase runs.</summary>
    public bool Includes(IPhase phase) => phase.IsPrerequisite || ((Only is null || Only.Contains(phase.Name)) && !Skip.Contains(phase.Name));
}
