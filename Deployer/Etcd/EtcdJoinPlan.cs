using Platform.Deployer.Hosts;

namespace Platform.Deployer.Etcd;

/// <summary>What a member joining a running cluster goes through: the healthy member it is added through, its old member (if any), the quorum found.</summary>
/// <param name="Peer">A control plane that stays, whose member answered healthy.</param>
/// <param name="ExistingId">The member registered at the joining host's peer URL (a lost one being replaced), or null.</param>
/// <param name="Quorum">What the quorum check found, for reports.</param>
public sealed record EtcdJoinPlan(DeployHost Peer, string? ExistingId, string Quorum);
