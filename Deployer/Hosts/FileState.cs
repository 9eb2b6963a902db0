namespace Platform.Deployer.Hosts;

/// <summary>An observed file on a host: its mode and content hash.</summary>
/// <param name="Mode">Octal mode, for example 644.</param>
/// <param name="Sha256">Hex SHA-256 of the content.</param>
public sealed record FileState(string Mode, string Sha256);
