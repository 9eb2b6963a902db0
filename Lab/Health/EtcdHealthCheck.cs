using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Deployer.State;

namespace Platform.Lab.Health;

/// <summary>
/// etcd as etcdctl endpoint health sees it, over TLS on every member: healthy when all answer, degraded while a
/// quorum does, unhealthy without one.
/// </summary>
public sealed class EtcdHealthCheck(LabLifecycle lab) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lab.Model is not { } model || lab.MachinesSubstrate is not { } substrate || !substrate.DeployedPhases.Contains("etcd"))
        {
            return HealthCheckResult.Unhealthy("etcd is not deployed in this lab (yet)");
        }

        var state = new StateFolder(substrate.DeployStatePath);
        using var probe = EtcdHealthProbe.For(state);
        if (probe is null)
        {
            return HealthCheckResult.Unhealthy($"no etcd client certificate in {state.EtcdPkiDirectory} yet");
        }

        var members = model.PlanTopology().ControlPlanes.ToList();
        var results = await Task.WhenAll(members.Select(async m => (m.Name, Result: await probe.CheckAsync(m.Address, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var healthy = results.Count(r => r.Result.Healthy);
        var detail = string.Join("; ", results.Select(r => $"{r.Name}: {r.Result.Detail}"));
        var quorum = members.Count / 2 + 1;
        return healthy == members.Count ? HealthCheckResult.Healthy($"{healthy}/{members.Count} members healthy")
            : healthy >= quorum ? HealthCheckResult.Degraded($"{healthy}/{members.Count} members healthy, quorum kept ({detail})")
            : HealthCheckResult.Unhealthy($"{healthy}/{members.Count} members healthy, no quorum ({detail})");
    }
}
