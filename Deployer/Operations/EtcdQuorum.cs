namespace Platform.Deployer.Operations;

/// <summary>etcd's majority rule, applied before a control plane leaves: a change is refused when it would lose quorum.</summary>
public static class EtcdQuorum
{
    /// <summary>The members needed for a cluster of <paramref name="members"/>: a majority.</summary>
    public static int Of(int members) => members / 2 + 1;

    /// <summary>
    /// Null when <paramref name="leaving"/> of <paramref name="members"/> may go while <paramref name="healthy"/> answer,
    /// otherwise why not: the cluster must have quorum now to accept the removal, and keep it afterwards.
    /// </summary>
    public static string? Refusal(int members, int healthy, int leaving, int healthyLeaving)
    {
        var remaining = members - leaving;
        var healthyRemaining = healthy - healthyLeaving;
        if (remaining < 1)
        {
            return $"removing {leaving} of {members} etcd members leaves none; the cluster would be gone. Reset it instead (aspire destroy).";
        }

        if (healthy < Of(members))
        {
            return $"only {healthy} of {members} etcd members are healthy, below the quorum of {Of(members)}: etcd cannot accept a member removal. Restore quorum first (aspire do etcd-restore).";
        }

        return healthyRemaining < Of(remaining)
            ? $"after removing {leaving}, {healthyRemaining} healthy of {remaining} members would be below the quorum of {Of(remaining)}. Replace the unhealthy member first (aspire do replace-node)."
            : null;
    }
}
