using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Etcd;

namespace Platform.Lab.Commands;

/// <summary>
/// Take an etcd snapshot now (<c>aspire resource etcd snapshot</c>): the Deployer library's etcd-backup, the same
/// operation as <c>aspire do etcd-backup</c>, on the first healthy member, copied age-encrypted to the lab's backup target.
/// </summary>
public static class EtcdCommands
{
    /// <summary>The command's name: <c>aspire resource etcd snapshot</c>.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>Adds the snapshot command to etcd.</summary>
    public static IResourceBuilder<EtcdClusterResource> WithSnapshotCommand(this IResourceBuilder<EtcdClusterResource> etcd)
        => etcd.WithCommand(Snapshot, "Snapshot now", ctx => SnapshotAsync(ctx.Services.GetRequiredService<LabLifecycle>(), etcd.Resource.Name, ctx.CancellationToken), new CommandOptions
        {
            Description = "Save and verify an etcd snapshot on a healthy member and copy it off the node, age-encrypted (aspire do etcd-backup)",
            IconName = "Camera",
            IsHighlighted = true,
            UpdateState = c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });

    private static async Task<ExecuteCommandResult> SnapshotAsync(LabLifecycle lab, string etcd, CancellationToken cancellationToken)
    {
        if (lab.MachinesSubstrate?.OperationScope(line => lab.Resources?.AppendLog(etcd, line)) is not { } scope)
        {
            return CommandResults.Failure("etcd runs only in the machines lab, and the lab is not up.");
        }

        try
        {
            var report = await EtcdBackup.RunAsync(scope, cancellationToken).ConfigureAwait(false);
            return CommandResults.Success(report.Summary);
        }
        catch (EtcdOperationException e)
        {
            return CommandResults.Failure(e.Message);
        }
    }
}
