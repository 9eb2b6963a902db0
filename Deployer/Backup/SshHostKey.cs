using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Deployer.Backup;

/// <summary>An SSH host public key as known_hosts holds it (<c>ssh-ed25519 AAAA…</c>), checked before it is written anywhere.</summary>
public static partial class SshHostKey
{
    /// <summary>The key types accepted.</summary>
    public static readonly IReadOnlyList<string> Types = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"];

    /// <summary>The key as <c>TYPE BASE64</c> (a trailing comment dropped), or null with why not.</summary>
    public static string? Normalize(string value, out string? problem)
    {
        problem = null;
        var match = Pattern().Match(value.Trim());
        if (!match.Success || !Types.Contains(match.Groups["type"].Value))
        {
            problem = $"is not an SSH public key line ({string.Join(", ", Types)} followed by base64); copy it from ssh-keyscan -t ed25519 HOST after checking its fingerprint";
            return null;
        }

        var type = match.Groups["type"].Value;
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(match.Groups["key"].Value);
        }
        catch (FormatException)
        {
            problem = "has a key part that is not base64";
            return null;
        }

        // The blob starts with its own type name: a key pasted under the wrong type would never match.
        if (blob.Length < 4 || BinaryPrimitives.ReadInt32BigEndian(blob) is var length && (length < 0 || length > blob.Length - 4) || Encoding.ASCII.GetString(blob, 4, length) != type)
        {
            problem = $"says {type} but its key is not a {type} key";
            return null;
        }

        return $"{type} {match.Groups["key"].Value}";
    }

    [GeneratedRegex("^(?<type>[a-z0-9-]+) (?<key>[A-Za-z0-9+/]+={0,2})( [^\\x00-\\x1f]*)?$")]
    private static partial Regex Pattern();
}
