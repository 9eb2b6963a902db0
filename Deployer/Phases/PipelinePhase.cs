namespace Platform.Deployer.Phases;

/// <summary>A phase and the phases that must finish before it starts.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="DependsOn">The names of the phases it needs.</param>
public sealed record PipelinePhase(IPhase Phase, params IReadOnlyList<string> DependsOn)
{
    /// <summary>The phase's name.</summary>
    public string Name => Phase.Name;

    /// <summary>Each phase depending on the one before it: the order of a plain list.</summary>
    public static IReadOnlyList<PipelinePhase> Sequence(IEnumerable<IPhase> phases)
    {
        var graph = new List<PipelinePhase>();
        foreach (var phase in phases)
        {
            graph.Add(graph.Count == 0 ? new PipelinePhase(phase) : new PipelinePhase(phase, graph[^1].Name));
        }

        return graph;
    }
}
