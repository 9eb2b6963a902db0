using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Lab.Monitoring;

namespace Platform.Lab.Health;

/// <summary>Prometheus or Alertmanager as they report themselves: healthy when <c>/-/ready</c> answers 200.</summary>
/// <param name="lab">The running lab.</param>
/// <param name="component">What is asked (for the report).</param>
/// <param name="url">Its base URL on the running monitoring machine.</param>
public sealed class ReadyEndpointHealthCheck(LabLifecycle lab, string component, Func<LabMonitoring, Uri> url) : IHealthCheck
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lab.MachinesSubstrate?.Monitoring is not { } monitoring)
        {
            return HealthCheckResult.Unhealthy($"{component} is not running in this lab (yet)");
        }

        var ready = new Uri(url(monitoring), "-/ready");
        try
        {
            using var response = await Client.GetAsync(ready, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{component} is ready ({ready})")
                : HealthCheckResult.Unhealthy($"{component} is not ready: {ready} answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return HealthCheckResult.Unhealthy($"{component} does not answer on {ready}: {(e is TaskCanceledException ? "no answer within 3 s" : e.Message)}");
        }
    }
}
