namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The in-cluster Helm controller (k3s-io/helm-controller). Every Helm-packaged add-on is a
/// <c>HelmChart</c> object it installs, so a k3s lab (which has it built in) and a kubeadm cluster
/// install add-ons the same way (layer 3).
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class HelmControllerResource(string name, KubernetesClusterResource parent) : PlatformResource(name), IResourceWithParent<KubernetesClusterResource>
{
    /// <inheritdoc />
    public KubernetesClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.ControlPlane;
}
