namespace Aspire.Hosting.ApplicationModel;

/// <summary>Default-deny NetworkPolicies for each workload namespace, with DNS and ingress-controller traffic allowed (layer 7).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class NetworkPolicyResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Security;

    /// <summary>The namespaces that get the policies.</summary>
    public IReadOnlyList<string> Namespaces => this.GetAnnotations<WorkloadNamespaceAnnotation>().Select(n => n.Namespace).Distinct().ToArray();
}
