using System.Net;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;

namespace Platform.Lab.Commands;

/// <summary>
/// Rehearse a load-balancer failover: stop keepalived on the machine holding the VIP and wait for the VIP to
/// move; and bring keepalived back everywhere.
/// </summary>
public static class VipCommands
{
    /// <summary><c>aspire resource api move-vip</c>.</summary>
    public const string MoveVip = "move-vip";

    /// <summary><c>aspire resource api restore-vip</c>.</summary>
    public const string RestoreVip = "restore-vip";

    private static readonly TimeSpan MoveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Adds move-vip and restore-vip to the API load balancer.</summary>
    public static IResourceBuilder<ApiLoadBalancerResource> WithVipCommands(this IResourceBuilder<ApiLoadBalancerResource> api)
        => api
            .WithCommand(MoveVip, "Move the VIP", ctx => MoveAsync(Lab(ctx), api.Resource), new CommandOptions
            {
                Description = "Stop keepalived on the load balancer that holds the VIP and wait until another takes it over",
                IconName = "ArrowSwap",
                IsHighlighted = true,
                UpdateState = c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(RestoreVip, "Restore keepalived", ctx => RestoreAsync(Lab(ctx), api.Resource), new CommandOptions
            {
                Description = "Start keepalived again on every load balancer",
                IconName = "ArrowReset",
                UpdateState = c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            });

    private static async Task<ExecuteCommandResult> MoveAsync(LabLifecycle lab, ApiLoadBalancerResource api)
    {
        if (lab.Machines is not { } machines || lab.Model is not { } model)
        {
            return CommandResults.Failure("The VIP runs only in the machines lab, and the lab is not up.");
        }

        var balancers = model.PlanTopology().LoadBalancers.Select(m => m.Name).ToList();
        var vip = api.VirtualIp.Address;
        if (await HolderAsync(machines, balancers, vip).ConfigureAwait(false) is not { } holder)
        {
            return CommandResults.Failure($"No load balancer holds the VIP {vip}; run restore-vip, or check keepalived in the machines' logs.");
        }

        var stop = await machines.ExecAsync(holder, ["systemctl", "stop", "keepalived"]).ConfigureAwait(false);
        if (stop.ExitCode != 0)
        {
            return CommandResults.Failure($"Stopping keepalived on {holder} failed: {stop.Error.Trim()}");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < MoveTimeout)
        {
            if (await HolderAsync(machines, balancers, vip).ConfigureAwait(false) is { } next && next != holder)
            {
                lab.Resources?.AppendLog(api.Name, $"VIP {vip} moved from {holder} to {next} in {clock.Elapsed.TotalSeconds:0.0} s; keepalived is stopped on {holder} (restore-vip starts it)");
                return CommandResults.Success();
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        return CommandResults.Failure($"keepalived is stopped on {holder}, but no other load balancer took the VIP {vip} within {MoveTimeout.TotalSeconds:0} s.");
    }

    private static async Task<ExecuteCommandResult> RestoreAsync(LabLifecycle lab, ApiLoadBalancerResource api)
    {
        if (lab.Machines is not { } machines || lab.Model is not { } model)
        {
            return CommandResults.Failure("The VIP runs only in the machines lab, and the lab is not up.");
        }

        foreach (var balancer in model.PlanTopology().LoadBalancers)
        {
            var start = await machines.ExecAsync(balancer.Name, ["systemctl", "start", "keepalived"]).ConfigureAwait(false);
            if (start.ExitCode != 0)
            {
                return CommandResults.Failure($"Starting keepalived on {balancer.Name} failed: {start.Error.Trim()}");
            }
        }

        lab.Resources?.AppendLog(api.Name, "keepalived started on every load balancer");
        return CommandResults.Success();
    }

    /// <summary>The load balancer whose interface carries the VIP, if any.</summary>
    public static async Task<string?> HolderAsync(MachineLab machines, IEnumerable<string> balancers, IPAddress vip)
    {
        foreach (var balancer in balancers)
        {
            var addresses = await machines.ExecAsync(balancer, ["ip", "-o", "-4", "addr", "show"]).ConfigureAwait(false);
            if (addresses.Output.Contains($" {vip}/", StringComparison.Ordinal))
            {
                return balancer;
            }
        }

        return null;
    }

    private static LabLifecycle Lab(ExecuteCommandContext context) => context.Services.GetRequiredService<LabLifecycle>();
}
