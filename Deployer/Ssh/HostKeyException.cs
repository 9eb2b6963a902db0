using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Ssh;

/// <summary>A host's SSH key is unknown (and pinning was not asked for) or has changed: the connection was refused.</summary>
public sealed class HostKeyException(string host, string message) : PlatformException(message)
{
    /// <summary>The host.</summary>
    public string Host { get; } = host;
}
