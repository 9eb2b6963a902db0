using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Etcd;

/// <summary>Connections for operations that must go on when a member is down: each control plane is tried on its own.</summary>
public static class EtcdHosts
{
    /// <summary>Opens the host's connection (host key verified); null when it is open, otherwise why it could not be.</summary>
    public static async Task<string?> TryConnectAsync(DeploymentContext context, DeployHost host, CancellationToken cancellationToken)
    {
        if (host.Connection is not null)
        {
            return null;
        }

        var options = context.Options;
        try
        {
            host.Connection = await SshConnection.ConnectAsync(host.Name, host.Endpoint, options.KnownHosts, options.AcceptNewHostKeys, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            host.Contacted = true;
            return null;
        }
        catch (Exception e) when (e is SshConnectionException or HostKeyException or TimeoutException)
        {
            return $"unreachable ({e.Message})";
        }
    }

    /// <summary>Connects to the host and asks its etcd member; null when it answers healthy, otherwise why not.</summary>
    public static async Task<string?> MemberProblemAsync(DeploymentContext context, DeployHost host, CancellationToken cancellationToken)
    {
        if (await TryConnectAsync(context, host, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return problem;
        }

        var health = await host.Ssh.RunAsync(Etcdctl.Local("endpoint health"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        return health.Succeeded ? null : $"its etcd member is not healthy ({FirstLine(health)})";
    }

    /// <summary>
    /// Waits until the host's own member and then the whole cluster answer healthy, polling within <paramref name="timeout"/>;
    /// otherwise throws <see cref="EtcdOperationException"/> with <paramref name="failure"/> given the last answer.
    /// </summary>
    public static async Task WaitMemberAndClusterHealthyAsync(HostStep step, TimeSpan timeout, Func<string, string> failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(failure);
        var deadline = DateTime.UtcNow + timeout;
        var command = $"{Etcdctl.Local("endpoint health")} && {EtcdPhase.HealthCommand(step.Context)}";
        while (true)
        {
            var health = await step.QueryAsync(command, cancellationToken, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (health.Succeeded)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new EtcdOperationException(failure(FirstLine(health)));
            }

            await Task.Delay(EtcdPhase.HealthPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first line of a command's error (or output), for one-line reasons.</summary>
    public static string FirstLine(CommandResult result)
    {
        var text = (result.Error.Trim().Length > 0 ? result.Error : result.Output).Trim();
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit {result.ExitCode}";
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
