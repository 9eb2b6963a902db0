namespace Aspire.Hosting.ApplicationModel;

/// <summary>The Kubernetes cluster, built with kubeadm (layer 3). Pools and add-ons hang off it.</summary>
/// <param name="name">The cluster name (kubeadm clusterName).</param>
public sealed class KubernetesClusterResource(string name) : PlatformResource(name)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.ControlPlane;

    /// <inheritdoc />
    public override string? DeployedFrom => $"kubeadm v{Version}";

    /// <summary>The Kubernetes version, for example <c>1.30.3</c>.</summary>
    public string Version => this.GetRequiredAnnotation<KubernetesVersionAnnotation>().Version;

    /// <summary>Pod and service address ranges and the DNS domain.</summary>
    public ClusterNetworkAnnotation ClusterNetwork => this.GetRequiredAnnotation<ClusterNetworkAnnotation>();

    /// <summary>Where kubeadm, kubelet and kubectl packages come from.</summary>
    public string PackageRepository => this.TryGetLastAnnotation<KubernetesPackageSourceAnnotation>(out var source)
        ? source.Repository
        : KubernetesVersions.PackageRepository(Version);
}
