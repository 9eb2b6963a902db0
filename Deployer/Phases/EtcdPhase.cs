using Platform.Deployer.Etcd;
using Platform.Hosting.Publishing;
using Platform.Deployer.Backup;
using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Renderers.Host;

namespace Platform.Deployer.Phases;

/// <summary>
/// etcd on every control plane: binaries (pinned upstream release, checksum verified, or the distribution
/// package), the PKI, configuration and unit; members of a new cluster start together, members of a running one restart
/// one at a time when their configuration changes; then the cluster must report healthy over TLS.
/// </summary>
public sealed class EtcdPhase : Phase
{
    /// <summary>How long a new or restarted cluster may take to become healthy.</summary>
    public static TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How often the health check runs until then: members of a new cluster find each other within a second or two.</summary>
    public static TimeSpan HealthPollInterval { get; } = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public override string Name => "etcd";

    /// <inheritdoc />
    public override string Title => "Install and start etcd with TLS";

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.Etcd, Components.EtcdSnapshots];

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    protected override IEnumerable<DesiredFile> DesiredFiles(HostStep step)
        => step.Context.Pki.EtcdFiles(step.Host.Machine).Concat(BackupHostFiles.For(step.Context)).Concat(base.DesiredFiles(step));

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var etcd = step.Context.Model.Single<EtcdClusterResource>();
        if (etcd.Source == EtcdSource.DistroPackage)
        {
            await step.EnsurePackagesAsync([step.Host.Configurer.EtcdServerPackage, step.Host.Configurer.EtcdClientPackage], cancellationToken).ConfigureAwait(false);
        }
        else if (!step.Facts.ExistingPaths.ContainsKey(HostMarkers.UpstreamEtcd))
        {
            await step.ChangeAsync($"install etcd v{EtcdVersions.Version} from the upstream release (sha256 {EtcdVersions.ArchiveSha256[..12]}…)", ct => step.RunAsync(
                "set -e; tmp=$(mktemp -d); trap 'rm -rf \"$tmp\"' EXIT; " +
                $"curl -fsSL --max-time 300 -o \"$tmp/etcd.tgz\" {Shell.Quote(EtcdVersions.ArchiveUrl)} || {{ echo 'cannot download {EtcdVersions.ArchiveUrl}; use EtcdSource.DistroPackage (or --etcd-source distro) where GitHub is unreachable' >&2; exit 1; }}; " +
                $"echo '{EtcdVersions.ArchiveSha256}  '\"$tmp/etcd.tgz\" | sha256sum -c - >/dev/null || {{ echo 'checksum mismatch for {EtcdVersions.ArchiveUrl}: refusing to install' >&2; exit 1; }}; " +
                $"tar -xzf \"$tmp/etcd.tgz\" -C \"$tmp\" --strip-components=1 && install -m 0755 \"$tmp/etcd\" \"$tmp/etcdctl\" \"$tmp/etcdutl\" {EtcdVersions.UpstreamBinDirectory}/", ct, TimeSpan.FromMinutes(6)), cancellationToken).ConfigureAwait(false);
        }

        var desired = DesiredFiles(step).ToList();
        var membershipOnly = await OnlyInitialClusterChangedAsync(step, desired, cancellationToken).ConfigureAwait(false);
        var changed = await step.EnsureFilesAsync(desired, cancellationToken).ConfigureAwait(false);
        await step.ReloadUnitsIfChangedAsync(changed, cancellationToken).ConfigureAwait(false);

        // Members of a new cluster wait for each other, so starts must not block; members of a running one restart in turn.
        var etcdChanged = changed.Where(f => f.Component == Components.Etcd && !(membershipOnly && f.Path == EtcdPaths.EnvironmentFile)).ToList();
        var running = step.Facts.ActiveUnits.ContainsKey("etcd.service");
        await step.EnsureServiceAsync("etcd", null, cancellationToken, blockOnStart: false).ConfigureAwait(false);
        if (running && etcdChanged.Count > 0)
        {
            await RestartInTurnAsync(step, cancellationToken).ConfigureAwait(false);
        }

        await step.EnsureServiceAsync(EtcdMetricsRelayRenderer.TimerUnit, null, cancellationToken).ConfigureAwait(false);
        if (step.Context.Model.Find<EtcdSnapshotResource>() is { } snapshots)
        {
            if (snapshots.Schedule.CopyTo is { } copyTo && step.Context.Inventory.BackupTargetHostKey is null)
            {
                step.Warn($"snapshots stay on the node until the inventory pins the host key of {copyTo}: set backupTarget.hostKey.");
            }

            await step.EnsureServiceAsync("etcd-snapshot.timer", HostStep.RestartReason(changed, Components.EtcdSnapshots), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        if (context.DryRun)
        {
            return;
        }

        var first = context.Hosts.FirstControlPlane;
        var command = HealthCommand(context);
        var deadline = DateTime.UtcNow + HealthTimeout;
        CommandResult result;
        do
        {
            result = await first.Ssh.RunAsync(command, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return;
            }

            await Task.Delay(HealthPollInterval, cancellationToken).ConfigureAwait(false);
        }
        while (DateTime.UtcNow < deadline);

        var logs = new List<string>();
        foreach (var host in context.Hosts.ControlPlanes)
        {
            var log = await host.Ssh.RunAsync("journalctl -u etcd --no-pager -n 5 -o cat", TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            logs.Add($"{host.Name}: {log.Output.Trim().Replace('\n', ' ')}");
        }

        throw new PlatformException($"etcd did not become healthy within {HealthTimeout}: {result.Output.Trim()} {result.Error.Trim()}. Last log lines: {string.Join(" || ", logs)}");
    }

    /// <summary>
    /// Restarts this running member with its changed configuration or certificates while no other member of the run is
    /// restarting, and waits until it and the cluster are healthy: a running cluster keeps its quorum throughout, and a
    /// member the change breaks stops the rollout there.
    /// </summary>
    private static async Task RestartInTurnAsync(HostStep step, CancellationToken cancellationToken)
    {
        await step.Context.EtcdRestart.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await step.ChangeAsync("restart etcd (configuration or certificates changed; one member at a time)", ct => step.RunAsync("systemctl restart etcd", ct, TimeSpan.FromMinutes(2)), cancellationToken).ConfigureAwait(false);
            await step.ChangeAsync($"wait until {step.Host.Name}'s member and the cluster are healthy before another member restarts", ct => EtcdHosts.WaitMemberAndClusterHealthyAsync(step, HealthTimeout,
                last => $"{step.Host.Name}: etcd was not healthy within {HealthTimeout.TotalSeconds:0} s of its restart with the changed configuration ({last}); members not restarted yet were left running, so the cluster keeps its quorum. Its log: journalctl -u etcd on {step.Host.Name}.", ct), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            step.Context.EtcdRestart.Release();
        }
    }

    /// <summary>
    /// True when a running member's environment file differs only in the initial cluster (a control plane joined or left):
    /// etcd reads it only when a member first starts, so the running member keeps running. Asks the host for the file.
    /// </summary>
    private static async Task<bool> OnlyInitialClusterChangedAsync(HostStep step, IReadOnlyList<DesiredFile> desired, CancellationToken cancellationToken)
    {
        var environment = desired.FirstOrDefault(f => f.Path == EtcdPaths.EnvironmentFile);
        if (environment is null || !step.Facts.ActiveUnits.ContainsKey("etcd.service") || step.Facts.Files.GetValueOrDefault(environment.Path) is not { } observed || observed.Sha256 == environment.Sha256)
        {
            return false;
        }

        var current = await step.QueryAsync($"cat {EtcdPaths.EnvironmentFile}", cancellationToken).ConfigureAwait(false);
        return current.Succeeded && WithoutInitialCluster(current.Output) == WithoutInitialCluster(System.Text.Encoding.UTF8.GetString(environment.Content));
    }

    private static string WithoutInitialCluster(string environment)
        => string.Join('\n', environment.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.StartsWith("ETCD_INITIAL_CLUSTER=", StringComparison.Ordinal) && !l.StartsWith("# etcd member ", StringComparison.Ordinal)));

    /// <summary>etcdctl endpoint health over TLS against every member, with the admin client certificate.</summary>
    public static string HealthCommand(DeploymentContext context)
        => $"ETCDCTL_API=3 etcdctl --endpoints={string.Join(',', context.RenderContext.EtcdClientUrls)} --cacert={EtcdPaths.CaCertificate} --cert={EtcdPaths.AdminClientCertificate} --key={EtcdPaths.AdminClientKey} --command-timeout=5s endpoint health";
}
