using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.State;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Lab.Health;

namespace Platform.Lab.Commands;

/// <summary>Take an etcd snapshot now, on a healthy member, with the same script the platform's timer runs.</summary>
public static class EtcdCommands
{
    /// <summary>The command's name: <c>aspire resource etcd snapshot</c>.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>Adds the snapshot command to etcd.</summary>
    public static IResourceBuilder<EtcdClusterResource> WithSnapshotCommand(this IResourceBuilder<EtcdClusterResource> etcd)
        => etcd.WithCommand(Snapshot, "Snapshot now", ctx => SnapshotAsync(Lab(ctx), etcd.Resource.Name), new CommandOptions
        {
            Description = "Save and verify an etcd snapshot on a healthy member (the lab has no off-node copy target)",
            IconName = "Camera",
            IsHighlighted = true,
            UpdateState = c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });

    private static async Task<ExecuteCommandResult> SnapshotAsync(LabLifecycle lab, string etcd)
    {
        if (lab.Machines is not { } machines || lab.Model is not { } model || lab.MachinesSubstrate is not { } substrate)
        {
            return CommandResults.Failure("etcd runs only in the machines lab, and the lab is not up.");
        }

        if (model.Find<EtcdSnapshotResource>() is null)
        {
            return CommandResults.Failure("The model has no etcd snapshots. Add them in AppHost/Program.cs: etcd.AddSnapshots(every: TimeSpan.FromHours(6), keep: 28).");
        }

        using var probe = EtcdHealthProbe.For(new StateFolder(substrate.DeployStatePath));
        if (probe is null)
        {
            return CommandResults.Failure("etcd has no client certificate yet: the etcd phase has not run in this lab.");
        }
        foreach (var member in model.PlanTopology().ControlPlanes)
        {
            if (!(await probe.CheckAsync(member.Address, CancellationToken.None).ConfigureAwait(false)).Healthy)
            {
                continue;
            }

            // The lab has no backup machine to copy to: save and verify on the member only.
            var run = await machines.ExecAsync(member.Name, ["env", "ETCD_SNAPSHOT_COPY_TO=", EtcdSnapshotRenderer.SnapshotScriptPath]).ConfigureAwait(false);
            if (run.ExitCode != 0)
            {
                return CommandResults.Failure($"{EtcdSnapshotRenderer.SnapshotScriptPath} failed on {member.Name} (exit {run.ExitCode}): {(run.Error + run.Output).Trim()}");
            }

            var file = run.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("etcd-snapshot: saved ", StringComparison.Ordinal))?["etcd-snapshot: saved ".Length..];
            var size = file is null ? null : (await machines.ExecAsync(member.Name, ["stat", "-c", "%s", file]).ConfigureAwait(false)).Output.Trim();
            lab.Resources?.AppendLog(etcd, $"snapshot saved on {member.Name}: {file} ({size} bytes)");
            return CommandResults.Success();
        }

        return CommandResults.Failure("No etcd member is healthy; a snapshot needs one.");
    }

    private static LabLifecycle Lab(ExecuteCommandContext context) => context.Services.GetRequiredService<LabLifecycle>();
}
