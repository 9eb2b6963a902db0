namespace Platform.Deployer.Ssh;

/// <summary>What known_hosts says about a key a server offered.</summary>
public enum HostKeyStatus
{
    /// <summary>The key is pinned for this host.</summary>
    Known,

    /// <summary>No key of this type is pinned for this host.</summary>
    Unknown,

    /// <summary>A different key of this type is pinned: refuse.</summary>
    Changed,

    /// <summary>The key is marked @revoked: refuse.</summary>
    Revoked,
}
