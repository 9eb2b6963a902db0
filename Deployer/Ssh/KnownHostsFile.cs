using System.Security.Cryptography;
using System.Text;

namespace Platform.Deployer.Ssh;

/// <summary>
/// An OpenSSH known_hosts file: host keys are checked against it; an unknown key is pinned only when the
/// caller allows first-use pinning; a changed key is always refused. Hashed entries (<c>|1|salt|hash</c>) are understood.
/// </summary>
public sealed class KnownHostsFile(string path)
{
    private static readonly Lock WriteLock = new();

    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The key types pinned for a host name, to ask the server for exactly those.</summary>
    public IReadOnlyList<string> KeyTypesFor(string knownHostsName) => Entries().Where(e => e.Matches(knownHostsName) && !e.Revoked).Select(e => e.KeyType).Distinct().ToList();

    /// <summary>Checks a key the server offered.</summary>
    public HostKeyVerdict Verify(string knownHostsName, string keyType, byte[] key)
    {
        var entries = Entries().Where(e => e.Matches(knownHostsName)).ToList();
        if (entries.Any(e => e.Revoked && e.Key.AsSpan().SequenceEqual(key)))
        {
            return new HostKeyVerdict(HostKeyStatus.Revoked, entries.First(e => e.Revoked).Line);
        }

        var sameType = entries.Where(e => !e.Revoked && e.KeyType == keyType).ToList();
        if (sameType.Any(e => e.Key.AsSpan().SequenceEqual(key)))
        {
            return new HostKeyVerdict(HostKeyStatus.Known, sameType.First(e => e.Key.AsSpan().SequenceEqual(key)).Line);
        }

        return sameType.Count > 0
            ? new HostKeyVerdict(HostKeyStatus.Changed, sameType[0].Line, Fingerprint(sameType[0].Key))
            : new HostKeyVerdict(HostKeyStatus.Unknown, 0);
    }

    /// <summary>Appends a key for a host name (first-use pinning).</summary>
    public void Pin(string knownHostsName, string keyType, byte[] key)
    {
        lock (WriteLock)
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var prefix = File.Exists(Path) && new FileInfo(Path).Length > 0 && !File.ReadAllText(Path).EndsWith('\n') ? "\n" : "";
            File.AppendAllText(Path, $"{prefix}{knownHostsName} {keyType} {Convert.ToBase64String(key)}\n");
        }
    }

    /// <summary>
    /// Forgets the keys pinned for a host name (a machine replaced on purpose: its successor has its own keys);
    /// <c>@revoked</c> lines stay. Returns how many lines went.
    /// </summary>
    public int Forget(string knownHostsName)
    {
        lock (WriteLock)
        {
            var forget = Entries().Where(e => !e.Revoked && e.Matches(knownHostsName)).Select(e => e.Line).ToHashSet();
            if (forget.Count > 0)
            {
                File.WriteAllLines(Path, File.ReadLines(Path).Where((_, i) => !forget.Contains(i + 1)).ToList());
            }

            return forget.Count;
        }
    }

    /// <summary>The OpenSSH-style SHA256 fingerprint of a key blob.</summary>
    public static string Fingerprint(byte[] key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key)).TrimEnd('=');

    private IEnumerable<Entry> Entries()
    {
        if (!File.Exists(Path))
        {
            yield break;
        }

        var lineNumber = 0;
        foreach (var raw in File.ReadLines(Path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var revoked = false;
            if (fields[0].StartsWith('@'))
            {
                // @cert-authority lines describe CAs, not host keys; @revoked lines refuse a key outright.
                revoked = fields[0] == "@revoked";
                if (!revoked)
                {
                    continue;
                }

                fields = fields[1..];
            }

            if (fields.Length < 3)
            {
                continue;
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(fields[2]);
            }
            catch (FormatException)
            {
                continue;
            }

            yield return new Entry(fields[0].Split(','), fields[1], key, lineNumber, revoked);
        }
    }

    private sealed record Entry(string[] Names, string KeyType, byte[] Key, int Line, bool Revoked)
    {
        public bool Matches(string name) => Names.Any(n => n == name || MatchesHashed(n, name));

        private static bool MatchesHashed(string pattern, string name)
        {
            if (!pattern.StartsWith("|1|", StringComparison.Ordinal))
            {
                return false;
            }

            var parts = pattern.Split('|');
            if (parts.Length != 4)
            {
                return false;
            }

            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var hash = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name));
                return Convert.ToBase64String(hash) == parts[3];
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
