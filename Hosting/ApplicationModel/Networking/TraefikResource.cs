namespace Aspire.Hosting.ApplicationModel;

/// <summary>Traefik, the default ingress controller: Ingress objects and the Gateway API (its CRDs come with the chart).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class TraefikResource(string name, KubernetesClusterResource parent) : IngressControllerResource(name, parent)
{
    /// <inheritdoc />
    public override string IngressClassName => "traefik";

    /// <inheritdoc />
    public override IReadOnlyList<int> WebContainerPorts { get; } = [TraefikVersions.WebPort, TraefikVersions.WebSecurePort];
}
