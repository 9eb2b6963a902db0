using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Hosts;

/// <summary>Whether a host answers SSH now: an operation that must not be blocked by a dead machine asks first, then leaves it out, saying so.</summary>
public static class HostProbe
{
    /// <summary>Null when <paramref name="name"/> accepts an SSH login at <paramref name="endpoint"/>; otherwise why it is unreachable.</summary>
    /// <exception cref="HostKeyException">It answers with a key other than the pinned one: that is not unreachable, and is not passed over.</exception>
    /// <exception cref="SshConnectionException">The login cannot work until the inventory is fixed (key file missing or unreadable).</exception>
    public static async Task<string?> UnreachableAsync(string name, SshEndpoint endpoint, DeploymentOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var connection = await SshConnection.ConnectAsync(name, endpoint, options.KnownHosts, options.AcceptNewHostKeys, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (SshConnectionException e) when (e.Retryable)
        {
            return e.Message;
        }
    }
}
