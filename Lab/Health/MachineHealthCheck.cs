using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Lab.Machines;

namespace Platform.Lab.Health;

/// <summary>A machine is healthy when its sshd answers with its banner, as a VM's would.</summary>
public sealed class MachineHealthCheck(LabLifecycle lab, string machine) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lab.Machines?.Find(machine) is not { } running)
        {
            return HealthCheckResult.Unhealthy($"{machine} is not running in the lab");
        }

        return await SshBanner.ReadAsync(running.SshHost, running.SshPort, TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false) is { } banner
            ? HealthCheckResult.Healthy($"sshd answers on {running.SshHost}:{running.SshPort} ({banner})")
            : HealthCheckResult.Unhealthy($"sshd does not answer on {running.SshHost}:{running.SshPort}");
    }
}
