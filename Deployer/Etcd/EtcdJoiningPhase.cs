using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>
/// The etcd phase of a run in which control planes join the running cluster (<c>aspire do add-node</c>, <c>replace-node</c>):
/// those join one at a time through <see cref="EtcdJoin"/>, quorum checked before each; the members already there do the
/// etcd phase's own work (a membership change alone does not restart them). Same name and fingerprint as the etcd phase.
/// </summary>
/// <param name="etcd">The etcd phase.</param>
/// <param name="joining">The control planes that join.</param>
/// <param name="newCertificates">True when they replace lost machines: their etcd leaves are issued afresh.</param>
public sealed class EtcdJoiningPhase(IPhase etcd, IReadOnlySet<string> joining, bool newCertificates) : IPhase
{
    // etcd takes one membership change at a time, and each must find the one before it caught up.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <inheritdoc />
    public string Name => etcd.Name;

    /// <inheritdoc />
    public string Title => etcd.Title;

    /// <inheritdoc />
    public bool IsPrerequisite => etcd.IsPrerequisite;

    /// <inheritdoc />
    public bool IsCheck => etcd.IsCheck;

    /// <inheritdoc />
    public int? MaxParallelism => etcd.MaxParallelism;

    /// <inheritdoc />
    public IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => etcd.SelectHosts(context);

    /// <inheritdoc />
    public Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken) => etcd.PrepareAsync(context, cancellationToken);

    /// <inheritdoc />
    public async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!joining.Contains(step.Host.Name))
        {
            await etcd.RunAsync(step, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var plan = await EtcdJoin.PrepareAsync(step.Context, step.Host, "add", "Adding", cancellationToken).ConfigureAwait(false);
            await EtcdJoin.RunAsync(step, plan, newCertificates, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <inheritdoc />
    public Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken) => etcd.FinishAsync(context, cancellationToken);

    /// <inheritdoc />
    public string Fingerprint(HostStep step) => etcd.Fingerprint(step);
}
