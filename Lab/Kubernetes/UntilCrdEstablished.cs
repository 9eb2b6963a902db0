using k8s;

namespace Platform.Lab.Kubernetes;

/// <summary>A CustomResourceDefinition is Established: objects of its kind are accepted.</summary>
/// <param name="name">The CRD name, e.g. <c>helmcharts.helm.cattle.io</c>.</param>
public sealed class UntilCrdEstablished(string name) : UntilClusterCondition
{
    /// <inheritdoc />
    public override string Description => $"CustomResourceDefinition {name} Established";

    /// <inheritdoc />
    public override string Hint => "A chart installs it: see that chart's helm-install Job in kube-system.";

    /// <inheritdoc />
    public override async Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var established = crd.Status?.Conditions?.FirstOrDefault(c => c.Type == "Established");
            return (established?.Status == "True", established is null ? "no Established condition yet" : $"Established={established.Status}");
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return (false, "not created yet");
        }
    }
}
