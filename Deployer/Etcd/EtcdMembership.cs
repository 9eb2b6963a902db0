using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>Removes members with etcdctl on a control plane that stays, after counting the healthy ones (<see cref="EtcdQuorum"/>).</summary>
public sealed class EtcdMembership : IEtcdMembership
{
    /// <inheritdoc />
    public async Task CheckRemovalAsync(HostStep step, IReadOnlyList<Machine> leaving, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaving);
        var status = await StatusAsync(step, cancellationToken).ConfigureAwait(false);
        var gone = status.Where(m => leaving.Any(l => m.PeerUrls.Contains(EtcdJoin.PeerUrl(l)))).ToList();
        if (EtcdQuorum.Refusal(status.Count, status.Count(m => m.Healthy), gone.Count, gone.Count(m => m.Healthy)) is { } refusal)
        {
            throw new EtcdOperationException($"{string.Join(", ", leaving.Select(m => m.Name))} cannot leave: {refusal} Nothing was changed.");
        }
    }

    /// <inheritdoc />
    public async Task RemoveMemberAsync(HostStep step, Machine leaving, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(leaving);
        var status = await StatusAsync(step, cancellationToken).ConfigureAwait(false);
        var member = status.FirstOrDefault(m => m.PeerUrls.Contains(EtcdJoin.PeerUrl(leaving)));
        if (member is null)
        {
            step.Warn($"{leaving.Name} is not an etcd member (any more): nothing to remove.");
            return;
        }

        await step.ChangeAsync($"remove {leaving.Name}'s etcd member (id {member.Id}; {status.Count(m => m.Healthy)} of {status.Count} members healthy, {EtcdQuorum.Of(status.Count - 1)} needed after)",
            ct => EtcdJoin.RunMembershipCommandAsync(step.Host, Etcdctl.Local($"member remove {member.Id}"), ct), cancellationToken).ConfigureAwait(false);
    }

    // The members as the step's host lists them, each asked for its health (a member that is down answers within etcdctl's 5 s).
    private static async Task<IReadOnlyList<MemberStatus>> StatusAsync(HostStep step, CancellationToken cancellationToken)
    {
        var list = (await step.QueryAsync(Etcdctl.Local("member list --write-out=json"), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var status = new List<MemberStatus>();
        foreach (var (id, _, peerUrls, clientUrls) in EtcdMembers.Parse(list.Output))
        {
            var healthy = clientUrls.Count > 0 && (await step.QueryAsync(Etcdctl.At(clientUrls[0], "endpoint health"), cancellationToken, TimeSpan.FromSeconds(20)).ConfigureAwait(false)).Succeeded;
            status.Add(new MemberStatus(id, peerUrls, healthy));
        }

        return status;
    }

    private sealed record MemberStatus(string Id, IReadOnlyList<string> PeerUrls, bool Healthy);
}
