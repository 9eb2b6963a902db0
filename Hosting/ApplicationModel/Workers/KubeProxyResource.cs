namespace Aspire.Hosting.ApplicationModel;

/// <summary>kube-proxy, installed by kubeadm as a DaemonSet and configured through KubeProxyConfiguration (layer 4).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class KubeProxyResource(string name, KubernetesClusterResource parent) : PlatformResource(name), IResourceWithParent<KubernetesClusterResource>
{
    /// <inheritdoc />
    public KubernetesClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Workers;

    /// <summary>The proxy mode.</summary>
    public KubeProxyMode Mode => this.TryGetLastAnnotation<KubeProxyModeAnnotation>(out var mode) ? mode.Mode : KubeProxyMode.Iptables;
}
