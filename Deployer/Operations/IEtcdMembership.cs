using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Operations;

/// <summary>
/// Where a leaving control plane's etcd member is removed, through a member that stays (the step's host), over TLS.
/// <see cref="Etcd.EtcdMembership"/> does it with etcdctl; tests plan with a fake. (Members join through <see cref="Etcd.EtcdJoin"/>.)
/// </summary>
public interface IEtcdMembership
{
    /// <summary>Throws, touching nothing, when removing <paramref name="leaving"/> would lose etcd's quorum; runs in plans too.</summary>
    Task CheckRemovalAsync(HostStep step, IReadOnlyList<Machine> leaving, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="leaving"/>'s member (one change); a host that is no member is passed over, saying so.</summary>
    Task RemoveMemberAsync(HostStep step, Machine leaving, CancellationToken cancellationToken);
}
