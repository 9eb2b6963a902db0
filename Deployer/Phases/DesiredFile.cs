using System.Security.Cryptography;
using System.Text;

namespace Platform.Deployer.Phases;

/// <summary>A file a host should have: its path, content and mode. Secret files never show their content.</summary>
/// <param name="Path">The absolute path on the host.</param>
/// <param name="Content">The content.</param>
/// <param name="Mode">The octal mode (0644, 0600...).</param>
/// <param name="Component">The component it belongs to.</param>
public sealed record DesiredFile(string Path, byte[] Content, string Mode, string Component)
{
    /// <summary>Creates a text file.</summary>
    public static DesiredFile Text(string path, string content, string mode, string component) => new(path, Encoding.UTF8.GetBytes(content), mode, component);

    /// <summary>The content hash, as sha256sum prints it.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));

    /// <summary>The mode without the leading zero, as stat prints it.</summary>
    public string StatMode => Mode.TrimStart('0') is { Length: > 0 } m ? m : "0";

    /// <summary>Never print content (keys and tokens are desired files too).</summary>
    public override string ToString() => $"{Path} ({Mode}, sha256 {Sha256[..12]})";
}
