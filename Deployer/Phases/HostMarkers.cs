using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>Paths whose existence tells a phase what already happened on a host.</summary>
public static class HostMarkers
{
    /// <summary>kubeadm init has run (the first control plane).</summary>
    public const string AdminKubeconfig = KubernetesPaths.AdminKubeconfig;

    /// <summary>The node has joined (kubeadm writes it on init and join).</summary>
    public const string KubeletKubeconfig = "/etc/kubernetes/kubelet.conf";

    /// <summary>The upstream etcd binary is installed.</summary>
    public const string UpstreamEtcd = EtcdVersions.UpstreamBinDirectory + "/etcd";

    /// <summary>The pkgs.k8s.io signing key is installed.</summary>
    public const string KubernetesKeyring = "/etc/apt/keyrings/kubernetes-apt-keyring.gpg";

    /// <summary>Every marker the facts script checks.</summary>
    public static IReadOnlyList<string> All { get; } = [AdminKubeconfig, KubeletKubeconfig, UpstreamEtcd, KubernetesKeyring];
}
