namespace Aspire.Hosting.ApplicationModel;

/// <summary>The NGINX ingress controller (layer 5), exposed on worker NodePorts behind the load balancers.</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class IngressNginxResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Networking;

    /// <summary>The NodePort HTTP traffic enters on.</summary>
    public int HttpNodePort => Ports.HttpNodePort;

    /// <summary>The NodePort HTTPS traffic enters on.</summary>
    public int HttpsNodePort => Ports.HttpsNodePort;

    /// <summary>Controller replicas.</summary>
    public int Replicas => Ports.Replicas;

    private IngressControllerAnnotation Ports => this.TryGetLastAnnotation<IngressControllerAnnotation>(out var a) ? a : IngressControllerAnnotation.Default;
}
