using System.Collections.Concurrent;

namespace Platform.Deployer.State;

/// <summary>
/// Every secret value the state folders of this process hold (generated secrets, private keys), and
/// <see cref="Redact"/> to take them out of any text before it becomes an error, a log line, a dashboard entry or
/// a span. Process-wide on purpose: exceptions are built deep in the SSH layer, far from any state folder.
/// </summary>
public static class SecretRedactor
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    // Shorter values would redact ordinary words; every generated secret is longer.
    private const int MinimumLength = 8;

    private static readonly ConcurrentDictionary<string, byte> Values = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte> Folders = new(StringComparer.Ordinal);
    private static volatile string[] _longestFirst = [];

    /// <summary>Remembers a secret: the whole value, and for multi-line values (PEM keys) every long line of it.</summary>
    public static void Register(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var added = false;
        foreach (var part in Parts(value.Trim()))
        {
            added |= Values.TryAdd(part, 0);
        }

        if (added)
        {
            _longestFirst = [.. Values.Keys.OrderByDescending(v => v.Length)];
        }
    }

    /// <summary>
    /// Registers every secret file of a state folder, once per folder and process (health checks open it every few
    /// seconds): its secrets and the private keys of its PKI. Files written later register as they are written.
    /// </summary>
    public static void RegisterFolder(StateFolder state)
    {
        if (!Folders.TryAdd(state.Path, 0))
        {
            return;
        }

        foreach (var value in ValuesIn(state))
        {
            Register(value);
        }
    }

    /// <summary>The secret values of a state folder: each generated secret and each private key of its PKI.</summary>
    public static IReadOnlyList<string> ValuesIn(StateFolder state)
        => [.. new[] { state.SecretsDirectory, System.IO.Path.Combine(state.Path, "pki") }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)).Where(IsSecretFile)
            .SelectMany(SecretStore.ValuesOf).Where(v => v.Length > 0)];

    /// <summary>Whether a state file holds a secret (certificates are public).</summary>
    public static bool IsSecretFile(string path) => !path.EndsWith(".crt", StringComparison.Ordinal) && !path.EndsWith(".pub", StringComparison.Ordinal) && !path.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>The values registered so far (for scans that look for them).</summary>
    public static IReadOnlyCollection<string> Known => _longestFirst;

    /// <summary><paramref name="text"/> with every known secret value replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in _longestFirst)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>True when <paramref name="text"/> holds a known secret value.</summary>
    public static bool Leaks(string text) => _longestFirst.Any(v => text.Contains(v, StringComparison.Ordinal));

    private static IEnumerable<string> Parts(string value)
    {
        if (value.Length >= MinimumLength)
        {
            yield return value;
        }

        // A bootstrap token's secret half travels alone in some outputs.
        if (value.IndexOf('.') is var dot and > 0 && !value.Contains('\n') && value.Length - dot - 1 >= MinimumLength)
        {
            yield return value[(dot + 1)..];
        }

        foreach (var line in value.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            yield return line;
        }
    }
}
