using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Resources;

namespace Platform.Lab.Commands;

/// <summary>
/// Power a lab machine off, on, or both, as one would a VM, to rehearse a fault: <c>aspire resource cp-2 stop</c>.
/// The container is stopped, not removed, so the machine keeps its disk and host keys.
/// </summary>
public static class MachineCommands
{
    /// <summary>Adds stop, start and restart to a machine.</summary>
    public static IResourceBuilder<MachineResource> WithMachineCommands(this IResourceBuilder<MachineResource> machine)
    {
        var name = machine.Resource.Name;
        return machine
            .WithCommand(KnownResourceCommands.StopCommand, "Stop", ctx => RunAsync(Lab(ctx), name, stop: true, start: false), new CommandOptions
            {
                Description = "Power the machine off (systemd shuts down; the container is kept)",
                IconName = "Stop",
                IsHighlighted = true,
                UpdateState = c => IsRunning(c) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(KnownResourceCommands.StartCommand, "Start", ctx => RunAsync(Lab(ctx), name, stop: false, start: true), new CommandOptions
            {
                Description = "Power the machine on and wait until it boots and answers SSH",
                IconName = "Play",
                IsHighlighted = true,
                UpdateState = c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Exited ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(KnownResourceCommands.RestartCommand, "Restart", ctx => RunAsync(Lab(ctx), name, stop: true, start: true), new CommandOptions
            {
                Description = "Power the machine off and on again",
                IconName = "ArrowCounterclockwise",
                UpdateState = c => IsRunning(c) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            });
    }

    private static bool IsRunning(UpdateCommandStateContext context) => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running;

    private static async Task<ExecuteCommandResult> RunAsync(LabLifecycle lab, string name, bool stop, bool start)
    {
        if (lab.Machines is not { } machines || lab.Resources is not { } resources)
        {
            return CommandResults.Failure($"{name} is not running in the lab (the lab is not up, or runs the fast substrate).");
        }

        try
        {
            if (stop)
            {
                resources.Set(name, ResourceState.Starting, "powering off");
                lab.MachinesSubstrate?.Journals?.Stop(name);
                await machines.StopMachineAsync(name).ConfigureAwait(false);
                resources.Set(name, ResourceState.Stopped, "powered off by the stop command");
            }

            if (start)
            {
                resources.Set(name, ResourceState.Starting, "powering on");
                await machines.StartMachineAsync(name).ConfigureAwait(false);
                var machine = machines[name];
                lab.MachinesSubstrate?.Journals?.Follow(name);
                resources.Set(name, ResourceState.Running, $"booted; ssh {machine.SshHost}:{machine.SshPort}");
            }

            return CommandResults.Success();
        }
        catch (Exception e) when (e is PlatformException or Docker.DotNet.DockerApiException or IOException or HttpRequestException)
        {
            resources.Set(name, ResourceState.Failed, e.Message);
            return CommandResults.Failure($"{name}: {e.Message}");
        }
    }

    private static LabLifecycle Lab(ExecuteCommandContext context) => context.Services.GetRequiredService<LabLifecycle>();
}
