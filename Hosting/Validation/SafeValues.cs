using System.Text.RegularExpressions;

namespace Platform.Hosting.Validation;

/// <summary>
/// Shapes of model and inventory strings that end up in root shells and configuration files. Each pattern allows
/// only what the field needs, so no quote, space, newline, <c>$</c> or leading <c>-</c> can reach a host.
/// </summary>
public static partial class SafeValues
{
    /// <summary>An rsync-over-SSH destination: <c>user@host:/absolute/path</c> with plain names only.</summary>
    public static bool IsRsyncTarget(string value) => RsyncTarget().IsMatch(value);

    /// <summary>A Linux network interface name (at most 15 characters; letters, digits, '.', '_' and '-').</summary>
    public static bool IsInterfaceName(string value) => InterfaceName().IsMatch(value);

    /// <summary>An absolute http(s) URL with no whitespace, quotes or control characters (it goes into apt sources and shell words).</summary>
    public static bool IsHttpUrl(string value)
        => !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '`' or '$' or '\\' or '[' or ']' or '<' or '>' or ';' or '|' or '&')
           && Uri.TryCreate(value, UriKind.Absolute, out var uri)
           && uri.Scheme is "http" or "https"
           && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*:/[A-Za-z0-9._/-]*$")]
    private static partial Regex RsyncTarget();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$")]
    private static partial Regex InterfaceName();
}
