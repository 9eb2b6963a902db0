using System.Text.RegularExpressions;

namespace Platform.Deployer.Etcd;

/// <summary>
/// A snapshot's name as the snapshot script makes it, <c>etcd-MEMBER-YYYYMMDDTHHMMSSnnnnnnnnnZ</c>: checked before it
/// reaches a shell or a path, and ordered by its time.
/// </summary>
public sealed partial record SnapshotName(string Member, string Timestamp)
{
    /// <summary>What <c>Deploy:Snapshot</c> takes to mean the newest snapshot.</summary>
    public const string Latest = "latest";

    /// <summary>The name.</summary>
    public string Value => $"etcd-{Member}-{Timestamp}";

    /// <summary>The encrypted copy's file name on the backup target.</summary>
    public string EncryptedFile => Value + ".db.age";

    /// <summary>The manifest's file name beside it.</summary>
    public string ManifestFile => Value + ".json";

    /// <summary>Parses a name (a trailing .db, .db.age or .json is accepted), or null when it is not one.</summary>
    public static SnapshotName? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var match = Pattern().Match(text.Trim());
        return match.Success ? new SnapshotName(match.Groups["member"].Value, match.Groups["time"].Value) : null;
    }

    /// <summary>The rule, for messages.</summary>
    public const string Rule = "etcd-MEMBER-YYYYMMDDTHHMMSSnnnnnnnnnZ as aspire do etcd-backup prints it (or latest)";

    /// <inheritdoc />
    public override string ToString() => Value;

    [GeneratedRegex("^etcd-(?<member>[a-z0-9][a-z0-9-]{0,62})-(?<time>[0-9]{8}T[0-9]{6}[0-9]{0,9}Z)(\\.db|\\.db\\.age|\\.json)?$")]
    private static partial Regex Pattern();
}
