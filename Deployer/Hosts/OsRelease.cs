namespace Platform.Deployer.Hosts;

/// <summary>Parses /etc/os-release.</summary>
public static class OsRelease
{
    /// <summary>The KEY=value pairs, quotes removed.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim())
            .Where(l => l.Contains('=') && !l.StartsWith('#'))
            .Select(l => (Key: l[..l.IndexOf('=')], Value: l[(l.IndexOf('=') + 1)..].Trim('"', '\'')))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
}
