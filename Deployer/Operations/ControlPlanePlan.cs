using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Operations;

/// <summary>
/// The order a control plane joins or leaves in, with etcd's quorum and the API load balancers, as plan lines. The
/// etcd steps go through <see cref="IEtcdMembership"/>; adding a member before kubeadm joins and removing it only after
/// the Node is gone keeps the API servers' etcd reachable throughout.
/// </summary>
public static class ControlPlanePlan
{
    /// <summary>The steps that bring <paramref name="joining"/> into a cluster whose control planes are <paramref name="members"/>.</summary>
    /// <param name="members">The control planes already in the cluster (etcd members), in inventory order.</param>
    /// <param name="joining">The control plane that joins.</param>
    /// <param name="loadBalancers">The API load balancers whose HAProxy backends gain it.</param>
    public static IReadOnlyList<string> Add(IReadOnlyList<Machine> members, Machine joining, IEnumerable<Machine> loadBalancers)
    {
        var first = members.FirstOrDefault()?.Name ?? "the first control plane";
        var after = members.Count + 1;
        return
        [
            $"{joining.Name}: etcd member add on {first} (peer https://{joining.Address}:{EtcdClusterResource.PeerPort}); the cluster grows from {members.Count} to {after} members, quorum {EtcdQuorum.Of(members.Count)} → {EtcdQuorum.Of(after)}",
            $"{joining.Name}: prepare, etcd started with initial-cluster-state existing, Kubernetes packages",
            $"{joining.Name}: kubeadm join --control-plane (certificates uploaded again on {first})",
            .. LoadBalancers(loadBalancers, $"gain {joining.Name}"),
        ];
    }

    /// <summary>The steps that take <paramref name="leaving"/> out of a cluster whose control planes are <paramref name="members"/> (it among them).</summary>
    /// <param name="members">The control planes in the cluster (etcd members), the leaving one among them.</param>
    /// <param name="leaving">The control plane that leaves.</param>
    /// <param name="healthy">How many members answer healthy now.</param>
    /// <param name="loadBalancers">The API load balancers whose HAProxy backends lose it.</param>
    public static IReadOnlyList<string> Remove(IReadOnlyList<Machine> members, Machine leaving, int healthy, IEnumerable<Machine> loadBalancers)
    {
        var first = members.FirstOrDefault(m => m.Name != leaving.Name)?.Name ?? "the first control plane";
        var refusal = EtcdQuorum.Refusal(members.Count, healthy, 1, healthyLeaving: 0);
        return refusal is not null
            ? [$"{leaving.Name}: refused: {refusal}"]
            :
            [
                $"{leaving.Name}: etcd quorum holds: {members.Count} members, {healthy} healthy; after the removal {members.Count - 1} members need {EtcdQuorum.Of(members.Count - 1)}",
                $"{leaving.Name}: cordon, drain and delete the Node (from {first})",
                $"{leaving.Name}: etcd member remove on {first}",
                $"{leaving.Name}: kubeadm reset and cleanup (skipped, saying so, when unreachable)",
                .. LoadBalancers(loadBalancers, $"lose {leaving.Name}"),
            ];
    }

    private static IEnumerable<string> LoadBalancers(IEnumerable<Machine> loadBalancers, string change)
    {
        var names = loadBalancers.Select(m => m.Name).ToList();
        return names.Count == 0 ? [] : [$"{string.Join(", ", names)}: HAProxy's kubernetes-api backends {change}"];
    }
}
