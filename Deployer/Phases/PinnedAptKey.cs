using Platform.Deployer.Ssh;

namespace Platform.Deployer.Phases;

/// <summary>
/// Installs an apt repository's signing key only when it is exactly the pinned key: the downloaded file must hold one
/// primary key, with the pinned fingerprint (a mirror or a man in the middle serving another key, or an extra key
/// next to the right one, is refused and nothing is written).
/// </summary>
public static class PinnedAptKey
{
    /// <summary>The shell script that downloads <paramref name="url"/>, checks it and writes <paramref name="keyring"/>.</summary>
    public static string Script(string url, string fingerprint, string keyring)
    {
        if (fingerprint.Length != 40 || !fingerprint.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"'{fingerprint}' is not a 40-digit hex OpenPGP fingerprint.", nameof(fingerprint));
        }

        var dir = Path.GetDirectoryName(keyring)!.Replace('\\', '/');
        return "set -e; k=$(mktemp); trap 'rm -f \"$k\"' EXIT; "
            + $"curl -fsSL --max-time 30 -o \"$k\" {Shell.Quote(url)}; "
            + "fprs=$(gpg --batch --with-colons --show-keys \"$k\" | awk -F: '$1==\"pub\"{p=1;next} $1==\"fpr\"&&p{print $10;p=0}' | tr '\\n' ' ' | sed 's/ $//'); "
            + $"if [ \"$fprs\" != {Shell.Quote(fingerprint.ToUpperInvariant())} ]; then printf 'the signing key at %s has fingerprint(s) \"%s\", not the pinned %s: refused\\n' {Shell.Quote(url)} \"$fprs\" {fingerprint.ToUpperInvariant()} >&2; exit 1; fi; "
            + $"mkdir -p {Shell.Quote(dir)} && gpg --batch --dearmor --yes -o {Shell.Quote(keyring)} \"$k\"";
    }
}
