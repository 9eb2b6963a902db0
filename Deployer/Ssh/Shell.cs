namespace Platform.Deployer.Ssh;

/// <summary>POSIX shell quoting for commands sent over SSH.</summary>
public static class Shell
{
    /// <summary>Quotes one word so the remote shell passes it through unchanged.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Quotes and joins words.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
