using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Lab.Health;

/// <summary>
/// The API load balancer as a client sees it: the VIP answers, every HAProxy serves, and (where the API servers
/// were deployed) HAProxy's own checks find a kubernetes-api backend UP.
/// </summary>
public sealed class ApiLoadBalancerHealthCheck(LabLifecycle lab) : IHealthCheck
{
    // One client for every check: HAProxy's stats port is plain HTTP on the lab's machines.
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>The HAProxy backend in front of the API servers.</summary>
    public const string ApiBackend = "kubernetes-api";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lab.Model?.Find<ApiLoadBalancerResource>() is not { } api || lab.MachinesSubstrate is not { } substrate || !substrate.DeployedPhases.Contains("load-balancer"))
        {
            return HealthCheckResult.Unhealthy("the load balancers are not deployed in this lab (yet)");
        }

        var probe = new HaProxyProbe(Client);
        var vip = await probe.AnswersAsync(api.VirtualIp.Address, cancellationToken).ConfigureAwait(false);
        var balancers = lab.Model.PlanTopology().LoadBalancers.ToList();
        var answers = await Task.WhenAll(balancers.Select(async m => (m.Name, Result: await probe.AnswersAsync(m.Address, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var backend = await probe.BackendAsync(api.VirtualIp.Address, ApiBackend, cancellationToken).ConfigureAwait(false);
        var apiServersDeployed = substrate.DeployedPhases.Contains("init");
        var backendText = backend is { } b ? $"{ApiBackend} backend {b.Up}/{b.Total} UP{(apiServersDeployed ? "" : " (no API servers in this lab)")}" : $"{ApiBackend} backend unknown";
        var down = answers.Where(a => !a.Result.Answers).Select(a => $"{a.Name}: {a.Result.Detail}").ToList();
        var text = $"VIP {api.VirtualIp.Address} {(vip.Answers ? "answers" : "does not answer: " + vip.Detail)}; HAProxy {answers.Length - down.Count}/{answers.Length} serving{(down.Count > 0 ? $" ({string.Join("; ", down)})" : "")}; {backendText}";
        if (!vip.Answers)
        {
            return HealthCheckResult.Unhealthy(text);
        }

        return down.Count > 0 || (apiServersDeployed && backend is not { Up: > 0 }) ? HealthCheckResult.Degraded(text) : HealthCheckResult.Healthy(text);
    }
}
