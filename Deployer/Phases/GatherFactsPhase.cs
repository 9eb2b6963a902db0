using Platform.Deployer.Hosts;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Validation;

namespace Platform.Deployer.Phases;

/// <summary>Gathers every fact later phases read, in one command per host, then renders files with the real interfaces.</summary>
public sealed class GatherFactsPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "facts";

    /// <inheritdoc />
    public override string Title => "Gather facts";

    /// <inheritdoc />
    public override bool IsPrerequisite => true;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var host = step.Host;
        var files = context.Artifacts.Where(a => a.Target == host.Name && a.HostPath is not null).Select(a => a.HostPath!)
            .Concat(host.Machine.Role == NodeRole.ControlPlane ? context.Pki.EtcdFiles(host.Machine).Concat(context.Pki.KubernetesCaFiles()).Concat(Backup.BackupHostFiles.For(context)).Select(f => f.Path) : [])
            .Distinct();
        var sysctls = context.Model.Single<OperatingSystemResource>().Sysctls.Keys;
        var result = (await step.QueryAsync(FactsScript.Build(files, HostMarkers.All, sysctls), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        FactsScript.Parse(result.Output, host.Facts);

        // What the host reports is rendered into keepalived.conf too: only a plain interface name is taken.
        if (host.Machine.Interface is null && host.Facts.InterfaceOf(host.Machine.Address.ToString()) is { } nic && SafeValues.IsInterfaceName(nic))
        {
            host.Machine = host.Machine with { Interface = nic };
        }
    }

    /// <inheritdoc />
    public override Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        // keepalived and netplan name the interface; now that facts know it, render again.
        context.Render();
        return Task.CompletedTask;
    }
}
