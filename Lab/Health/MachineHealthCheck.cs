using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Lab.Health;

/// <summary>A machine is healthy when its sshd answers with its banner, as a VM's would.</summary>
public sealed class MachineHealthCheck(LabLifecycle lab, string machine) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lab.Machines?.Machines.FirstOrDefault(m => m.Name == machine) is not { } running)
        {
            return HealthCheckResult.Unhealthy($"{machine} is not running in the lab");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(running.SshHost, running.SshPort, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            var banner = Encoding.ASCII.GetString(buffer, 0, read).Trim();
            return banner.StartsWith("SSH-", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy($"sshd answers on {running.SshHost}:{running.SshPort} ({banner})")
                : HealthCheckResult.Unhealthy($"{running.SshHost}:{running.SshPort} answered without an SSH banner");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"sshd does not answer on {running.SshHost}:{running.SshPort}: {(e is OperationCanceledException ? "timed out" : e.Message)}");
        }
    }
}
