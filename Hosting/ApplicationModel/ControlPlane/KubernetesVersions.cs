namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Kubernetes release and everything tied to it.</summary>
public static class KubernetesVersions
{
    /// <summary>The release Platform deploys.</summary>
    public const string Default = "1.30.3";

    /// <summary>Releases the renderers and Deployer are tested against.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Default];

    /// <summary>The Debian package revision published on pkgs.k8s.io for <see cref="Default"/>.</summary>
    public const string PackageRevision = "1.1";

    /// <summary>The apt version string of kubeadm, kubelet and kubectl (held after install).</summary>
    public static string PackageVersion(string version) => $"{version}-{PackageRevision}";

    /// <summary>The minor line, for example <c>v1.30</c>.</summary>
    public static string MinorLine(string version) => "v" + string.Join('.', version.Split('.').Take(2));

    /// <summary>
    /// The fingerprint of pkgs.k8s.io's signing key (isv:kubernetes OBS Project), the same for every minor line: the
    /// Deployer installs the repository key only when it is this one (a mirror serves the same signed files).
    /// </summary>
    public const string RepositoryKeyFingerprint = "DE15B14486CD377B9E876E1A234654DA9A296436";

    /// <summary>The community package repository of a minor line.</summary>
    public static string PackageRepository(string version) => $"https://pkgs.k8s.io/core:/stable:/{MinorLine(version)}/deb/";

    /// <summary>The pause image kubeadm 1.30 expects, also set as containerd's sandbox image.</summary>
    public const string PauseImage = "registry.k8s.io/pause:3.9";

    /// <summary>The image registry kubeadm pulls control-plane images from.</summary>
    public const string ImageRepository = "registry.k8s.io";

    /// <summary>The k3s image of the same minor line, used by the fast lab.</summary>
    public const string K3sImage = "rancher/k3s:v1.30.3-k3s1";
}
