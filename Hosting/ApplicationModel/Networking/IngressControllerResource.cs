namespace Aspire.Hosting.ApplicationModel;

/// <summary>The cluster's ingress controller (layer 5), exposed on worker NodePorts behind the load balancers.</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public abstract class IngressControllerResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Networking;

    /// <summary>The NodePort HTTP traffic enters on.</summary>
    public int HttpNodePort => Ports.HttpNodePort;

    /// <summary>The NodePort HTTPS traffic enters on.</summary>
    public int HttpsNodePort => Ports.HttpsNodePort;

    /// <summary>Controller replicas.</summary>
    public int Replicas => Ports.Replicas;

    /// <summary>The IngressClass it serves (the cluster's default class).</summary>
    public abstract string IngressClassName { get; }

    /// <summary>The container ports its pods take HTTP and HTTPS on (what its NodePorts forward to).</summary>
    public abstract IReadOnlyList<int> WebContainerPorts { get; }

    /// <summary>Its admission webhook's container port, if it has one.</summary>
    public virtual int? WebhookPort => null;

    private IngressControllerAnnotation Ports => this.TryGetLastAnnotation<IngressControllerAnnotation>(out var a) ? a : IngressControllerAnnotation.Default;
}
