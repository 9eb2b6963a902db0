using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>
/// <c>aspire do etcd-replace-member</c>: when a control plane is lost and its machine replaced (same name and address),
/// its etcd member is removed and added back as a new one. Without <c>Deploy:Confirm=etcd-replace-member</c> it only plans.
/// </summary>
public static class EtcdReplaceMember
{
    /// <summary>The step's name.</summary>
    public const string Name = "etcd-replace-member";

    /// <summary>Plans, or (confirmed) replaces the member; returns one line on what was done.</summary>
    /// <exception cref="EtcdOperationException">No member named, not a control plane, quorum would be lost, not confirmed, or a host failed.</exception>
    public static async Task<string> RunAsync(EtcdOperationScope scope, string? member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var controlPlanes = scope.Inventory.Topology.ControlPlanes.Select(m => m.Name).ToList();
        if (member is null || !controlPlanes.Contains(member))
        {
            throw new EtcdOperationException($"{(member is null ? "Deploy:Member is not set" : $"Deploy:Member '{member}' is not a control plane of the inventory")}; name the control plane to replace, one of {string.Join(", ", controlPlanes)}: aspire do {Name} -- --Deploy:Member={controlPlanes.Last()}.");
        }

        var confirmed = scope.IsConfirmed(Name) && !scope.Options.DryRun;
        var replace = new EtcdReplaceMemberPhase(member);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await EtcdOperationRun.RunAsync(scope, Name,
            [SelectedHostsPhase.Only(new ConnectPhase(), member), SelectedHostsPhase.Only(new DetectOsPhase(), member), SelectedHostsPhase.Only(new GatherFactsPhase(), member), SelectedHostsPhase.Only(new PrepareOsPhase(), member), replace],
            dryRun: !confirmed, journal: null, cancellationToken).ConfigureAwait(false);
        return confirmed
            ? $"{member} replaced: removed, new certificates, added back and caught up in {clock.Elapsed.TotalSeconds:0.0} s ({replace.Quorum} beforehand)"
            : throw EtcdOperationScope.Unconfirmed(Name, $"removes {member}'s member from the cluster and sets its data aside");
    }
}
