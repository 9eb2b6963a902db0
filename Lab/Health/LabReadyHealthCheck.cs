using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Lab.Health;

/// <summary>The lab is healthy once its substrate is up and deployed.</summary>
public sealed class LabReadyHealthCheck(LabLifecycle lab) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(lab.IsReady
            ? HealthCheckResult.Healthy($"the {lab.Settings.Substrate.ToString().ToLowerInvariant()} lab '{lab.Settings.Name}' is up")
            : HealthCheckResult.Unhealthy("the lab is coming up, or failed (see its console log)"));
}
