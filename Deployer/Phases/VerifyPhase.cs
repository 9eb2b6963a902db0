using Platform.Deployer.Hosts;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Phases;

/// <summary>
/// Checks what the run set up, on apply: etcd healthy over TLS, HAProxy answering, node_exporter serving,
/// the VIP on exactly one load balancer, and when the cluster exists, every node Ready. Changes nothing.
/// </summary>
public sealed class VerifyPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "verify";

    /// <inheritdoc />
    public override string Title => "Verify";

    /// <inheritdoc />
    public override bool IsCheck => true;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        if (step.Context.DryRun)
        {
            return;
        }

        var host = step.Host;
        var checks = new List<(string What, string Command)>
        {
            ("node_exporter serves metrics", $"curl -fsS --max-time 5 http://{host.Machine.Address}:{NodeExporterVersions.Port}/metrics -o /dev/null"),
        };
        if (host.Machine.Role == NodeRole.ControlPlane && host.Facts.ActiveUnits.ContainsKey("etcd.service"))
        {
            checks.Add(("etcd member healthy over TLS", $"ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:{EtcdClusterResource.ClientPort} --cacert={EtcdPaths.CaCertificate} --cert={EtcdPaths.AdminClientCertificate} --key={EtcdPaths.AdminClientKey} --command-timeout=5s endpoint health"));
        }

        if (host.Machine.Role == NodeRole.LoadBalancer && host.Facts.ActiveUnits.ContainsKey("haproxy.service"))
        {
            checks.Add(("HAProxy answers /healthz", $"curl -fsS --max-time 5 http://127.0.0.1:{ApiLoadBalancerResource.HealthPort}/healthz -o /dev/null"));
        }

        if (host == step.Context.Hosts.FirstControlPlane && host.Facts.ExistingPaths.ContainsKey(HostMarkers.AdminKubeconfig))
        {
            checks.Add(("API server ready", $"{AdminKubectl.Command} get --raw /readyz"));
            checks.Add(("every node Ready", $"{AdminKubectl.Command} wait --for=condition=Ready nodes --all --timeout=60s"));
        }

        var failed = new List<string>();
        foreach (var (what, command) in checks)
        {
            var result = await RetryAsync(step, command, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                failed.Add($"{what}: {(result.Error + result.Output).Trim()}");
            }
        }

        if (failed.Count > 0)
        {
            throw new PlatformException($"{host.Name}: verification failed: {string.Join("; ", failed)}");
        }
    }

    /// <inheritdoc />
    public override async Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        var vip = context.Model.Find<ApiLoadBalancerResource>()?.VirtualIp.Address.ToString();
        if (context.DryRun || vip is null || !context.Hosts.LoadBalancers.All(context.InScope) || !context.Hosts.LoadBalancers.Any(h => h.Facts.ActiveUnits.ContainsKey("keepalived.service")))
        {
            return;
        }

        var holders = await LoadBalancerPhase.VipHoldersAsync(context, vip, cancellationToken).ConfigureAwait(false);
        if (holders.Count != 1)
        {
            throw new PlatformException($"The VIP {vip} is held by {(holders.Count == 0 ? "no load balancer" : string.Join(" and ", holders))}; exactly one must hold it.");
        }
    }

    // Services just (re)started may need a few seconds: asked again every 0.5 s for 8 s (was every 2 s, 5 times).
    private static async Task<Ssh.CommandResult> RetryAsync(HostStep step, string command, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (true)
        {
            var result = await step.QueryAsync(command, cancellationToken, TimeSpan.FromSeconds(90)).ConfigureAwait(false);
            if (result.Succeeded || DateTime.UtcNow >= deadline)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }
}
