using k8s;

namespace Platform.Lab.Kubernetes;

/// <summary>Every node is Ready (at least one exists): the API answers and the pod network is up.</summary>
public sealed class UntilNodeReady : UntilClusterCondition
{
    /// <inheritdoc />
    public override string Description => "every node Ready";

    /// <inheritdoc />
    public override string Hint => "The k3s container's log says why (podman logs <container>).";

    /// <inheritdoc />
    public override async Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var states = nodes.Items.Select(n => (n.Metadata.Name, Ready: n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)).ToList();
        return (states.Count > 0 && states.All(s => s.Ready), states.Count == 0 ? "no nodes registered yet" : string.Join(", ", states.Select(s => $"{s.Name} {(s.Ready ? "Ready" : "NotReady")}")));
    }
}
