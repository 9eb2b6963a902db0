namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// etcd on every control-plane machine as a systemd service with its own PKI; kubeadm uses it as
/// external etcd, so etcd can be backed up, restored and replaced on its own (layer 3).
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class EtcdClusterResource(string name, KubernetesClusterResource parent) : PlatformResource(name), IResourceWithParent<KubernetesClusterResource>
{
    /// <inheritdoc />
    public KubernetesClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.ControlPlane;

    /// <inheritdoc />
    public override string? DeployedFrom => Source == EtcdSource.DistroPackage ? "etcd-server (distribution package)" : $"etcd v{EtcdVersions.Version}";

    /// <summary>Where the etcd binaries come from.</summary>
    public EtcdSource Source => this.TryGetLastAnnotation<EtcdSourceAnnotation>(out var source) ? source.Source : EtcdSource.UpstreamRelease;

    /// <summary>The client port.</summary>
    public const int ClientPort = 2379;

    /// <summary>The peer port.</summary>
    public const int PeerPort = 2380;

    /// <summary>The plain-HTTP metrics port (bound to every address, /metrics and /health only).</summary>
    public const int MetricsPort = 2381;
}
