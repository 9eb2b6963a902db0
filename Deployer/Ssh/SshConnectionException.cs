using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.State;

namespace Platform.Deployer.Ssh;

/// <summary>The SSH connection to a host could not be made or was lost.</summary>
public sealed class SshConnectionException(string host, string endpoint, string problem, bool retryable, Exception? inner = null)
    : PlatformException($"{host} ({endpoint}): {SecretRedactor.Redact(problem)} ({(retryable ? "a retry can help" : "a retry will not help until the cause is fixed")})", inner is null || SecretRedactor.Leaks(inner.Message) ? new IOException(SecretRedactor.Redact(problem)) : inner)
{
    /// <summary>The host.</summary>
    public string Host { get; } = host;

    /// <summary>Whether connecting again can help (the host was down or the network failed).</summary>
    public bool Retryable { get; } = retryable;
}
