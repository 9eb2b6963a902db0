using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Operations;

/// <summary>
/// The seam where etcd membership changes plug into adding, removing and replacing a control plane. Each call runs on
/// a healthy member (the step's host) over TLS; the etcd operations of issue 10 (<c>aspire do etcd-replace-member</c>)
/// implement it. Until then <see cref="EtcdMembershipPending"/> refuses, so a control plane is only ever planned.
/// </summary>
public interface IEtcdMembership
{
    /// <summary>Null when members can be added and removed; otherwise what is missing (the operation then only plans).</summary>
    string? Missing { get; }

    /// <summary>Adds <paramref name="joining"/> as a member (its etcd then starts with initial-cluster-state <c>existing</c>).</summary>
    Task AddMemberAsync(HostStep step, Machine joining, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="leaving"/>'s member; the caller checked quorum first (<see cref="EtcdQuorum"/>).</summary>
    Task RemoveMemberAsync(HostStep step, Machine leaving, CancellationToken cancellationToken);
}
