namespace Platform.Deployer.Phases;

/// <summary>
/// The phases of a run as a checked dependency graph: the runner and the Aspire pipeline steps read the
/// same dependencies from it, so both run phases in the same order.
/// </summary>
public sealed class PhaseGraph
{
    private readonly Dictionary<string, PipelinePhase> _byName;

    private PhaseGraph(IReadOnlyList<PipelinePhase> ordered)
    {
        Phases = ordered;
        _byName = ordered.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The graph of <see cref="Pipeline.Graph"/>.</summary>
    public static PhaseGraph Default { get; } = Create(Pipeline.Graph);

    /// <summary>The phases, each after every phase it depends on (declaration order among independent ones).</summary>
    public IReadOnlyList<PipelinePhase> Phases { get; }

    /// <summary>Checks <paramref name="phases"/> and orders them.</summary>
    /// <exception cref="PhaseGraphException">A name is duplicated, a dependency is unknown, or dependencies form a cycle.</exception>
    public static PhaseGraph Create(IEnumerable<PipelinePhase> phases)
    {
        var list = phases.ToList();
        var duplicates = list.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        if (duplicates.Count > 0)
        {
            throw new PhaseGraphException($"Phase names must be unique; {string.Join(", ", duplicates)} appear more than once in the pipeline. Rename one in Pipeline.cs.");
        }

        var names = list.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = list.SelectMany(p => p.DependsOn.Where(d => !names.Contains(d)).Select(d => $"'{p.Name}' depends on unknown phase '{d}'")).ToList();
        if (unknown.Count > 0)
        {
            throw new PhaseGraphException($"{string.Join("; ", unknown)}. Phases: {string.Join(", ", list.Select(p => p.Name))}. Fix the dependency in Pipeline.cs.");
        }

        // Kahn's algorithm, always taking the earliest declared ready phase, so the order reads like the declaration.
        var ordered = new List<PipelinePhase>();
        var remaining = new List<PipelinePhase>(list);
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(p => p.DependsOn.All(done.Contains));
            if (next is null)
            {
                throw new PhaseGraphException($"The phase dependencies form a cycle among {string.Join(", ", remaining.Select(p => $"'{p.Name}'"))}. Remove one of the dependencies in Pipeline.cs.");
            }

            ordered.Add(next);
            done.Add(next.Name);
            remaining.Remove(next);
        }

        return new PhaseGraph(ordered);
    }

    /// <summary>The phase called <paramref name="name"/>.</summary>
    public PipelinePhase this[string name] => _byName[name];

    /// <summary>True when the graph has a phase called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary><paramref name="name"/> and every phase it needs, directly or not.</summary>
    public IReadOnlySet<string> WithDependencies(string name)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([name]);
        while (stack.TryPop(out var current))
        {
            if (found.Add(current))
            {
                foreach (var dependency in _byName[current].DependsOn)
                {
                    stack.Push(dependency);
                }
            }
        }

        return found;
    }

    /// <summary>Every phase that needs <paramref name="name"/>, directly or not.</summary>
    public IReadOnlySet<string> Dependents(string name)
        => Phases.Where(p => p.Name != name && WithDependencies(p.Name).Contains(name)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
}
