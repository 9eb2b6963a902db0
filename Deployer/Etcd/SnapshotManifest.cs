using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Deployer.Etcd;

/// <summary>The JSON the snapshot script writes beside each snapshot: what a restore must bring back and how to check the file.</summary>
public sealed record SnapshotManifest
{
    /// <summary>The snapshot's name.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>The member it was taken on.</summary>
    [JsonPropertyName("member")] public required string Member { get; init; }

    /// <summary>Its store revision.</summary>
    [JsonPropertyName("revision")] public required long Revision { get; init; }

    /// <summary>Its hash (etcdutl snapshot status).</summary>
    [JsonPropertyName("hash")] public long Hash { get; init; }

    /// <summary>The keys it holds at that revision.</summary>
    [JsonPropertyName("keys")] public required long Keys { get; init; }

    /// <summary>The decrypted file's size.</summary>
    [JsonPropertyName("size")] public long Size { get; init; }

    /// <summary>The decrypted file's SHA-256 (hex).</summary>
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }

    /// <summary>Reads and checks a manifest for <paramref name="expected"/>.</summary>
    /// <exception cref="EtcdOperationException">It is not valid JSON, names another snapshot or lacks a field.</exception>
    public static SnapshotManifest Parse(string json, SnapshotName expected, string where)
    {
        SnapshotManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SnapshotManifest>(json);
        }
        catch (JsonException e)
        {
            throw new EtcdOperationException($"{where}: the manifest {expected.ManifestFile} is not valid ({e.Message}); take a new backup with aspire do etcd-backup.");
        }

        return manifest is null || manifest.Name != expected.Value || !System.Text.RegularExpressions.Regex.IsMatch(manifest.Sha256, "^[0-9a-f]{64}$") || manifest.Revision < 1
            ? throw new EtcdOperationException($"{where}: the manifest {expected.ManifestFile} does not describe {expected} (name, revision and sha256 are required).")
            : manifest;
    }
}
