namespace Aspire.Hosting.ApplicationModel;

/// <summary>containerd on every Kubernetes node, with the systemd cgroup driver kubelet expects (layer 4).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class ContainerRuntimeResource(string name, KubernetesClusterResource parent) : PlatformResource(name), IResourceWithParent<KubernetesClusterResource>
{
    /// <inheritdoc />
    public KubernetesClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Workers;

    /// <summary>The CRI socket kubelet and crictl talk to.</summary>
    public const string CriSocket = "unix:///run/containerd/containerd.sock";
}
