namespace Platform.Deployer.Ssh;

/// <summary>A file to write on a host.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Content">The content.</param>
/// <param name="Mode">The octal mode (0644, 0600...).</param>
public sealed record RemoteFile(string Path, byte[] Content, string Mode)
{
    /// <summary>Never print content (keys and tokens are written too).</summary>
    public override string ToString() => $"{Path} ({Mode})";
}
