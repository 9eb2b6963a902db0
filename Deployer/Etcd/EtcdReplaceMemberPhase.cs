using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>
/// Replaces one control plane's etcd member: quorum is checked first, then the lost member is removed, the machine gets
/// new certificates, is added back with <c>existing</c> cluster state, starts, and must catch up with the leader (<see cref="EtcdJoin"/>).
/// </summary>
public sealed class EtcdReplaceMemberPhase(string member) : Phase
{
    private EtcdJoinPlan? _plan;

    /// <inheritdoc />
    public override string Name => "etcd-replace-member";

    /// <inheritdoc />
    public override string Title => $"Replace etcd member {member}";

    /// <summary>What the quorum check found.</summary>
    public string Quorum => _plan?.Quorum ?? "";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.Where(h => h.Name == member);

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Guid.NewGuid().ToString();

    /// <summary>Finds a healthy member to act through and refuses when the replacement would lose quorum.</summary>
    public override async Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken)
        => _plan = await EtcdJoin.PrepareAsync(context, context.Hosts.Single(h => h.Name == member), "replace", "Replacing", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override Task RunAsync(HostStep step, CancellationToken cancellationToken) => EtcdJoin.RunAsync(step, _plan!, newCertificates: true, cancellationToken);
}
