using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Operations;

/// <summary>
/// The order a control plane joins or leaves in, with etcd's quorum and the API load balancers, as plan lines. Adding the
/// member before kubeadm joins and removing it only after the Node is gone keeps the API servers' etcd reachable throughout.
/// </summary>
public static class ControlPlanePlan
{
    /// <summary>The steps that bring <paramref name="joining"/> into a cluster whose control planes are <paramref name="members"/>.</summary>
    /// <param name="members">The control planes already in the cluster (etcd members), in inventory order.</param>
    /// <param name="joining">The control plane that joins.</param>
    /// <param name="loadBalancers">The API load balancers whose HAProxy backends gain it.</param>
    public static IReadOnlyList<string> Add(IReadOnlyList<Machine> members, Machine joining, IEnumerable<Machine> loadBalancers)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(joining);
        var after = members.Count + 1;
        return
        [
            $"{joining.Name}: quorum checked, then etcd member add through a healthy member ({string.Join(", ", members.Select(m => m.Name))}): {members.Count} → {after} members, quorum {EtcdQuorum.Of(members.Count)} → {EtcdQuorum.Of(after)}",
            $"{joining.Name}: prepare, then etcd started with initial-cluster-state existing and caught up with the leader; the other members keep running",
            $"{joining.Name}: Kubernetes packages, kubeadm join --control-plane (certificates uploaded again on {members.FirstOrDefault()?.Name ?? "the first control plane"})",
            .. LoadBalancers(loadBalancers, $"gain {joining.Name}"),
        ];
    }

    /// <summary>The steps that take <paramref name="leaving"/> out of a cluster whose control planes are <paramref name="members"/> (they among them).</summary>
    /// <param name="members">The control planes in the cluster (etcd members), the leaving ones among them.</param>
    /// <param name="leaving">The control planes that leave.</param>
    /// <param name="loadBalancers">The API load balancers whose HAProxy backends lose them.</param>
    public static IReadOnlyList<string> Remove(IReadOnlyList<Machine> members, IReadOnlyList<Machine> leaving, IEnumerable<Machine> loadBalancers)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(leaving);
        var names = string.Join(", ", leaving.Select(m => m.Name));
        var stays = members.FirstOrDefault(m => !leaving.Contains(m))?.Name ?? "no control plane";
        var after = members.Count - leaving.Count;
        return
        [
            $"{names}: etcd quorum checked on {stays} first: {members.Count} → {after} members, quorum {EtcdQuorum.Of(members.Count)} → {EtcdQuorum.Of(after)}; refused, nothing changed, when it would be lost",
            $"{names}: cordon, drain and delete the Nodes (from {stays})",
            $"{names}: etcd member remove, one at a time, through {stays}",
            .. LoadBalancers(loadBalancers, $"lose {names}"),
            $"{names}: kubeadm reset and cleanup (passed over, saying so, when unreachable)",
        ];
    }

    private static IEnumerable<string> LoadBalancers(IEnumerable<Machine> loadBalancers, string change)
    {
        var names = loadBalancers.Select(m => m.Name).ToList();
        return names.Count == 0 ? [] : [$"{string.Join(", ", names)}: HAProxy's kubernetes-api backends {change}"];
    }
}
