using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Phases;

/// <summary>
/// A command killed because its host is shutting down fails like a broken command (apt loses its temp
/// files, a unit stops), yet running apply again once the host is back is exactly the fix. The runner
/// asks the host: if it no longer answers, or systemd says it is stopping, the failure becomes retryable.
/// </summary>
public static class HostDownClassifier
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The error as reported: <paramref name="error"/> itself, or a retryable one when the host went down.</summary>
    public static async Task<Exception> ClassifyAsync(DeployHost host, Exception error)
    {
        if (error is not RemoteCommandException { Retryable: false } failed || host.Connection is null)
        {
            return error;
        }

        string? state;
        try
        {
            using var timeout = new CancellationTokenSource(ProbeTimeout);
            var probe = await host.Connection.RunAsync("systemctl is-system-running", ProbeTimeout, timeout.Token).ConfigureAwait(false);
            state = probe.Output.Trim();
        }
        catch (Exception e) when (e is SshConnectionException or RemoteCommandException or OperationCanceledException or IOException or ObjectDisposedException or Renci.SshNet.Common.SshException or System.Net.Sockets.SocketException)
        {
            state = null;
        }

        // Only a host that says it is up keeps the error as it is; "stopping", "offline", no answer, or a
        // systemctl that can no longer reach systemd all mean the host is going down.
        if (state is "running" or "degraded" or "starting" or "initializing" or "maintenance")
        {
            return error;
        }

        var why = state is null ? "it no longer answers" : state.Length == 0 ? "systemd no longer answers" : $"systemd is {state}";
        return new RemoteCommandException(failed.Host, failed.Command, failed.ExitCode, $"{failed.Error.TrimEnd()}\nthe host went down while this ran ({why})", retryable: true);
    }
}
