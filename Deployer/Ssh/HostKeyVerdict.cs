namespace Platform.Deployer.Ssh;

/// <summary>The result of checking a host key.</summary>
/// <param name="Status">Known, unknown, changed or revoked.</param>
/// <param name="Line">The known_hosts line that decided it (0 when none).</param>
/// <param name="PinnedFingerprint">For a changed key: the fingerprint that is pinned.</param>
public sealed record HostKeyVerdict(HostKeyStatus Status, int Line, string? PinnedFingerprint = null);
