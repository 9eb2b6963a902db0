using k8s;

namespace Platform.Lab.Kubernetes;

/// <summary>A Deployment is Available and every replica runs the current template.</summary>
/// <param name="ns">The namespace.</param>
/// <param name="name">The Deployment name.</param>
public sealed class UntilDeploymentAvailable(string ns, string name) : UntilClusterCondition
{
    /// <inheritdoc />
    public override string Description => $"Deployment {ns}/{name} Available";

    /// <inheritdoc />
    public override string Hint => $"See its pods: kubectl -n {ns} describe deployment {name}";

    /// <inheritdoc />
    public override async Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var want = deployment.Spec?.Replicas ?? 1;
            var status = deployment.Status;
            var available = status?.Conditions?.Any(c => c.Type == "Available" && c.Status == "True") == true;
            var ready = available && (status?.UpdatedReplicas ?? 0) >= want && (status?.ReadyReplicas ?? 0) >= want;
            return (ready, $"{status?.ReadyReplicas ?? 0}/{want} ready, {status?.UpdatedReplicas ?? 0} updated, Available={available}");
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return (false, "not created yet");
        }
    }
}
