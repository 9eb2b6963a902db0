using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Operations;

/// <summary>The etcd seam until issue 10's member operations land: every change refuses, saying what is missing.</summary>
public sealed class EtcdMembershipPending : IEtcdMembership
{
    /// <summary>Why a control plane cannot be added, removed or replaced yet.</summary>
    public const string Missing = "etcd member add/remove (issue 10: aspire do etcd-replace-member) is not in this build yet, so control planes are only planned";

    /// <inheritdoc />
    string? IEtcdMembership.Missing => Missing;

    /// <inheritdoc />
    public Task AddMemberAsync(HostStep step, Machine joining, CancellationToken cancellationToken)
        => throw new PlatformException($"{joining.Name}: {Missing}. Add workers, or bring the control plane in with aspire do etcd-replace-member once it exists.");

    /// <inheritdoc />
    public Task RemoveMemberAsync(HostStep step, Machine leaving, CancellationToken cancellationToken)
        => throw new PlatformException($"{leaving.Name}: {Missing}. Its etcd member stays until then.");
}
