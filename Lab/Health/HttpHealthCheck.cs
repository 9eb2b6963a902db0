using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Lab.Substrates;

namespace Platform.Lab.Health;

/// <summary>
/// A lab service as it reports itself over HTTP (Prometheus's and Alertmanager's <c>/-/ready</c>, Grafana's
/// <c>/api/health</c>, each Fluent Bit's <c>/api/v1/health</c>...): healthy when every URL answers 200.
/// </summary>
/// <param name="lab">The running lab.</param>
/// <param name="component">What is asked (for the report).</param>
/// <param name="urls">The URLs to ask on the running lab; none while the component is not running.</param>
public sealed class HttpHealthCheck(LabLifecycle lab, string component, Func<MachinesSubstrate, IReadOnlyList<Uri>> urls) : IHealthCheck
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lab.MachinesSubstrate is not { } substrate || urls(substrate) is not { Count: > 0 } targets)
        {
            return HealthCheckResult.Unhealthy($"{component} is not running in this lab (yet)");
        }

        var answers = await Task.WhenAll(targets.Select(t => AskAsync(t, cancellationToken))).ConfigureAwait(false);
        var failing = answers.Where(a => a is not null).ToList();
        return failing.Count == 0
            ? HealthCheckResult.Healthy($"{component} is ready ({string.Join(", ", targets)})")
            : HealthCheckResult.Unhealthy($"{component}: {targets.Count - failing.Count}/{targets.Count} ready; {string.Join("; ", failing)}");
    }

    /// <summary>Null when <paramref name="target"/> answers 200, else why not.</summary>
    private static async Task<string?> AskAsync(Uri target, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(target, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{target} answered HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return $"{target} does not answer: {(e is TaskCanceledException ? "no answer within 3 s" : e.Message)}";
        }
    }
}
