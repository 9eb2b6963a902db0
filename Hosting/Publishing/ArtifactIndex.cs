using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Hosting.Publishing;

/// <summary>index.json: every published artifact with its layer, component, target and path.</summary>
public sealed record ArtifactIndex
{
    /// <summary>The platform (cluster) name.</summary>
    [JsonPropertyName("platform")]
    public required string Platform { get; init; }

    /// <summary>The Kubernetes version.</summary>
    [JsonPropertyName("kubernetesVersion")]
    public required string KubernetesVersion { get; init; }

    /// <summary>The artifacts, ordered by layer then path.</summary>
    [JsonPropertyName("artifacts")]
    public required IReadOnlyList<ArtifactIndexEntry> Artifacts { get; init; }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Builds the index of a set of artifacts.</summary>
    public static ArtifactIndex Create(string platform, string kubernetesVersion, IEnumerable<Artifact> artifacts) => new()
    {
        Platform = platform,
        KubernetesVersion = kubernetesVersion,
        Artifacts = artifacts
            .OrderBy(a => (int)a.Layer).ThenBy(a => a.Path, StringComparer.Ordinal)
            .Select(a => new ArtifactIndexEntry((int)a.Layer, a.Component, a.Target, a.Path))
            .ToArray(),
    };

    /// <summary>The JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>Reads index.json text.</summary>
    public static ArtifactIndex Parse(string json) => JsonSerializer.Deserialize<ArtifactIndex>(json, Options)
        ?? throw new JsonException("index.json is empty.");
}
