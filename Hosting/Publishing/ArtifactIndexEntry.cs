using System.Text.Json.Serialization;

namespace Platform.Hosting.Publishing;

/// <summary>One line of index.json.</summary>
/// <param name="Layer">The layer number, 1-10.</param>
/// <param name="Component">The component.</param>
/// <param name="Target">A machine name or "cluster".</param>
/// <param name="Path">The path relative to the publish folder.</param>
public sealed record ArtifactIndexEntry(
    [property: JsonPropertyName("layer")] int Layer,
    [property: JsonPropertyName("component")] string Component,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("path")] string Path);
