using Platform.Deployer.Ssh;

namespace Platform.Deployer.Phases;

/// <summary>Opens one SSH connection per host, verifying host keys; it is reused for the whole run.</summary>
public sealed class ConnectPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "connect";

    /// <inheritdoc />
    public override string Title => "Connect over SSH";

    /// <inheritdoc />
    public override bool IsPrerequisite => true;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var host = step.Host;
        if (host.Connection is not null)
        {
            return;
        }

        var options = step.Context.Options;
        // The next phase's first command proves the login works end to end (and that sudo needs no password).
        host.Connection = await SshConnection.ConnectAsync(host.Name, host.Endpoint, options.KnownHosts, options.AcceptNewHostKeys, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        host.Contacted = true;
    }
}
