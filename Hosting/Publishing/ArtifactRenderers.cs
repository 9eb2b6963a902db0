namespace Platform.Hosting.Publishing;

/// <summary>Every renderer, in layer order. Publish and the Deployer both render through this list.</summary>
public static class ArtifactRenderers
{
    /// <summary>The renderers.</summary>
    public static IReadOnlyList<IArtifactRenderer> All { get; } =
    [
        // Layers 1-2: machines and operating system
        // Layers 3-4: control plane and workers
        // Layers 5-7: networking, storage, security
        // Layers 8-10: observability, availability, backup
    ];

    /// <summary>Renders every artifact of a context, failing on two artifacts with the same path.</summary>
    public static IReadOnlyList<Artifact> RenderAll(RenderContext context)
    {
        var artifacts = All.SelectMany(r => r.Render(context)).ToList();
        var clash = artifacts.GroupBy(a => a.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException($"Two artifacts render to '{clash.Key}' ({string.Join(", ", clash.Select(a => a.Component))}). Each renderer must own its paths.");
        }

        return artifacts;
    }
}
