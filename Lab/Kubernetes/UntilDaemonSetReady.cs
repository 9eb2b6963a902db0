using k8s;

namespace Platform.Lab.Kubernetes;

/// <summary>A DaemonSet runs a ready, current pod on every node it selects.</summary>
/// <param name="ns">The namespace.</param>
/// <param name="name">The DaemonSet name.</param>
public sealed class UntilDaemonSetReady(string ns, string name) : UntilClusterCondition
{
    /// <inheritdoc />
    public override string Description => $"DaemonSet {ns}/{name} Ready";

    /// <inheritdoc />
    public override string Hint => $"See its pods: kubectl -n {ns} describe daemonset {name}";

    /// <inheritdoc />
    public override async Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var daemonSet = await client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var status = daemonSet.Status;
            var want = status?.DesiredNumberScheduled ?? 0;
            var ready = want > 0 && status!.NumberReady == want && (status.UpdatedNumberScheduled ?? 0) == want;
            return (ready, $"{status?.NumberReady ?? 0}/{want} ready, {status?.UpdatedNumberScheduled ?? 0} updated");
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return (false, "not created yet");
        }
    }
}
