using Platform.Hosting.Publishing;
using Platform.Deployer.Hosts;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>HAProxy and keepalived on the load balancers; the VIP must end up on exactly one of them.</summary>
public sealed class LoadBalancerPhase : Phase
{
    /// <summary>How long keepalived may take to elect a VIP holder.</summary>
    public static TimeSpan VipTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the VIP's holders are asked until then (keepalived elects within a few seconds).</summary>
    public static TimeSpan VipPollInterval { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The packages this phase installs.</summary>
    public static IReadOnlyList<string> Packages { get; } = ["haproxy", "keepalived", "curl"];

    /// <inheritdoc />
    public override string Name => "load-balancer";

    /// <inheritdoc />
    public override string Title => "HAProxy + keepalived VIP";

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.HaProxy, Components.Keepalived];

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.LoadBalancers;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        await step.EnsurePackagesAsync(Packages, cancellationToken).ConfigureAwait(false);
        var changed = await step.EnsureFilesAsync(DesiredFiles(step), cancellationToken).ConfigureAwait(false);
        if (changed.Any(f => f.Component == Components.HaProxy))
        {
            await step.ChangeAsync("check haproxy.cfg with haproxy -c", ct => step.RunAsync("haproxy -c -q -f /etc/haproxy/haproxy.cfg", ct), cancellationToken).ConfigureAwait(false);
        }

        await step.EnsureServiceAsync("haproxy", HostStep.RestartReason(changed, Components.HaProxy), cancellationToken).ConfigureAwait(false);
        await step.EnsureServiceAsync("keepalived", HostStep.RestartReason(changed, Components.Keepalived), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        var vip = context.Model.Find<ApiLoadBalancerResource>()?.VirtualIp.Address.ToString();
        // A scoped run that left a load balancer alone cannot count the VIP's holders.
        if (context.DryRun || vip is null || !context.Hosts.LoadBalancers.Any() || !context.Hosts.LoadBalancers.All(context.InScope))
        {
            return;
        }

        var deadline = DateTime.UtcNow + VipTimeout;
        List<string> holders;
        do
        {
            holders = await VipHoldersAsync(context, vip, cancellationToken).ConfigureAwait(false);
            if (holders.Count == 1)
            {
                return;
            }

            await Task.Delay(VipPollInterval, cancellationToken).ConfigureAwait(false);
        }
        while (DateTime.UtcNow < deadline);

        throw new PlatformException(holders.Count == 0
            ? $"No load balancer took the VIP {vip} within {VipTimeout}. Check `journalctl -u keepalived` on {string.Join(", ", context.Hosts.LoadBalancers)}: VRRP needs protocol 112 between them."
            : $"The VIP {vip} is on {string.Join(" and ", holders)} at once (split brain): VRRP adverts between the load balancers are not getting through.");
    }

    /// <summary>The load balancers that hold the VIP now, all asked at once.</summary>
    public static async Task<List<string>> VipHoldersAsync(DeploymentContext context, string vip, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(context.Hosts.LoadBalancers.Select(async host =>
            (host.Name, (await host.Ssh.RunAsync($"ip -o -4 addr show | grep -qwF {vip}", TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)).Succeeded))).ConfigureAwait(false);
        return answers.Where(a => a.Succeeded).Select(a => a.Name).ToList();
    }
}
