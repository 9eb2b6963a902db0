using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>
/// Places the re-issued etcd certificates and restarts the members one at a time; each must be healthy, and the cluster
/// with it, before the next restarts, so quorum holds throughout.
/// </summary>
public sealed class EtcdCertificatesRenewPhase : Phase
{
    /// <summary>How long a restarted member may take to be healthy again.</summary>
    public static TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <inheritdoc />
    public override string Name => "etcd-certs-renew";

    /// <inheritdoc />
    public override string Title => "Place the new etcd certificates, one member at a time";

    /// <inheritdoc />
    public override int? MaxParallelism => 1;

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Guid.NewGuid().ToString();

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var changed = await step.EnsureFilesAsync(step.Context.Pki.EtcdFiles(step.Host.Machine), cancellationToken).ConfigureAwait(false);
        if (changed.Count == 0)
        {
            return;
        }

        await step.ChangeAsync("restart etcd (new certificates)", ct => step.RunAsync("systemctl restart etcd", ct, TimeSpan.FromMinutes(2)), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"wait until {step.Host.Name}'s member and the cluster are healthy before the next restart", ct => EtcdHosts.WaitMemberAndClusterHealthyAsync(step, HealthTimeout,
            last => $"{step.Host.Name}: etcd was not healthy within {HealthTimeout.TotalSeconds:0} s of its restart with the new certificates ({last}); the other members were not restarted. The old certificates are kept in the state folder (pki/etcd/renewed-*).", ct), cancellationToken).ConfigureAwait(false);
    }
}
