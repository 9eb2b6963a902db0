using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Deployer.Backup;
using Platform.Deployer.Pki;
using Platform.Deployer.State;

namespace Platform.Deployer.Etcd;

/// <summary>
/// What one restore restores, shared by its phases and kept in the state folder until it finishes: the snapshot,
/// its manifest and the new cluster token, so an interrupted restore resumes with the same ones.
/// </summary>
public sealed class EtcdRestorePlan
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The snapshot copy target.</summary>
    public required SnapshotTarget Target { get; init; }

    /// <summary>The snapshot asked for, or null for the newest.</summary>
    public SnapshotName? Requested { get; init; }

    /// <summary>The snapshot being restored, once known.</summary>
    public SnapshotName? Snapshot { get; set; }

    /// <summary>Its manifest, once read from the target.</summary>
    public SnapshotManifest? Manifest { get; set; }

    /// <summary>The new cluster's token: a restored cluster must never be mistaken for the old one.</summary>
    public required string Token { get; set; }

    /// <summary>True when this continues an interrupted restore.</summary>
    public bool IsResume { get; private set; }

    /// <summary>Where a restore keeps its journal.</summary>
    public static string JournalPath(StateFolder state) => Path.Combine(state.Path, "etcd-restore.journal.json");

    /// <summary>Where a restore keeps its snapshot and token while it runs.</summary>
    public static string PlanPath(StateFolder state) => Path.Combine(state.Path, "etcd-restore.json");

    /// <summary>The snapshot, or a failure when the target has not been asked yet.</summary>
    public SnapshotName Name => Snapshot ?? throw new InvalidOperationException("the snapshot is chosen in the fetch phase's preparation");

    /// <summary>Where the checked, decrypted snapshot is on each control plane.</summary>
    public string LocalFile => $"{Aspire.Hosting.ApplicationModel.EtcdSnapshotResource.RestoreDirectory}/{Name.Value}.db";

    /// <summary>A fingerprint for journaled steps: the same snapshot and token resume, anything else starts over.</summary>
    public string Fingerprint(string phase) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{phase}|{Snapshot}|{Manifest?.Sha256}|{Token}")));

    /// <summary>
    /// The plan of an unfinished restore of the same snapshot (or of any, when none is asked for), else a new one. A
    /// different snapshot asked for abandons the unfinished restore.
    /// </summary>
    public static EtcdRestorePlan Open(StateFolder state, SnapshotTarget target, SnapshotName? requested, string clusterName)
    {
        var path = PlanPath(state);
        if (File.Exists(path) && File.Exists(JournalPath(state)))
        {
            try
            {
                var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path));
                if (saved is not null && SnapshotName.TryParse(saved.Snapshot) is { } snapshot && (requested is null || requested == snapshot))
                {
                    return new EtcdRestorePlan { Target = target, Requested = snapshot, Snapshot = snapshot, Token = saved.Token, IsResume = true };
                }
            }
            catch (JsonException)
            {
                // A torn plan file: start over.
            }
        }

        File.Delete(JournalPath(state));
        return new EtcdRestorePlan { Target = target, Requested = requested, Token = $"{clusterName}-etcd-restore-{DateTime.UtcNow:yyyyMMddHHmmss}" };
    }

    /// <summary>Saves the snapshot and token, so a failure from here on resumes with them.</summary>
    public void Save(StateFolder state) => StateFiles.WriteSecret(PlanPath(state), JsonSerializer.Serialize(new Saved(Name.Value, Token), Json));

    /// <summary>Forgets the finished restore.</summary>
    public static void Finish(StateFolder state)
    {
        File.Delete(PlanPath(state));
        File.Delete(JournalPath(state));
    }

    private sealed record Saved(string Snapshot, string Token);
}
