using Platform.Hosting.Publishing;

namespace Platform.Lab.Dashboard;

/// <summary>
/// The published artifacts the dashboard may show. Content is served from memory by exact path only,
/// so a request can never reach the filesystem.
/// </summary>
internal sealed class ArtifactCatalog
{
    private readonly Dictionary<string, string> _content = new(StringComparer.Ordinal);

    public ArtifactCatalog(IReadOnlyList<Artifact> artifacts)
    {
        foreach (var artifact in artifacts)
        {
            if (!_content.TryAdd(artifact.Path, artifact.Content))
            {
                throw new ArgumentException($"Two artifacts have the path '{artifact.Path}'; the dashboard needs each path once.", nameof(artifacts));
            }
        }

        Entries = artifacts
            .OrderBy(a => (int)a.Layer).ThenBy(a => a.Path, StringComparer.Ordinal)
            .Select(a => new DashboardArtifactEntry((int)a.Layer, a.Layer.ToString(), a.Component, a.Target, a.Path))
            .ToArray();
    }

    /// <summary>Every artifact, ordered by layer then path.</summary>
    public IReadOnlyList<DashboardArtifactEntry> Entries { get; }

    /// <summary>The content of the artifact at exactly <paramref name="path"/>, or null.</summary>
    public string? Content(string path) => _content.GetValueOrDefault(path);
}
