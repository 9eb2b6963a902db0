namespace Aspire.Hosting.ApplicationModel;

/// <summary>The Kubernetes releases Platform pins (one per minor line) and everything tied to them.</summary>
public static class KubernetesVersions
{
    /// <summary>The release Platform deploys.</summary>
    public const string Default = "1.30.3";

    /// <summary>
    /// The releases Platform deploys and upgrades to, one per minor line, oldest first: the default, then the path on
    /// (<c>aspire do upgrade</c> moves one minor line at a time). kubeadm keeps reading the v1beta3 configuration Platform
    /// renders until 1.34 or later, so lines from there on need the v1beta4 renderer first.
    /// </summary>
    public static IReadOnlyList<KubernetesRelease> Releases { get; } =
    [
        new(Default, PackageRevision: "1.1", PauseImage: "registry.k8s.io/pause:3.9"),
        new("1.31.14", PackageRevision: "1.1", PauseImage: "registry.k8s.io/pause:3.10"),
        new("1.32.13", PackageRevision: "1.1", PauseImage: "registry.k8s.io/pause:3.10"),
    ];

    /// <summary>Releases the renderers and Deployer are tested against.</summary>
    public static IReadOnlyList<string> Supported { get; } = [.. Releases.Select(r => r.Version)];

    /// <summary>The pinned release <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">Platform does not pin it (validation refuses such a model first).</exception>
    public static KubernetesRelease Release(string version)
        => Releases.SingleOrDefault(r => r.Version == version?.TrimStart('v'))
            ?? throw new ArgumentException($"Kubernetes {version} is not a release Platform pins; use one of: {string.Join(", ", Supported)}.", nameof(version));

    /// <summary>The apt version string of kubeadm, kubelet and kubectl (held after install).</summary>
    public static string PackageVersion(string version) => $"{Release(version).Version}-{Release(version).PackageRevision}";

    /// <summary>The minor line, for example <c>v1.30</c>.</summary>
    public static string MinorLine(string version) => "v" + string.Join('.', version.Split('.').Take(2));

    /// <summary>
    /// The fingerprint of pkgs.k8s.io's signing key (isv:kubernetes OBS Project), the same for every minor line: the
    /// Deployer installs the repository key only when it is this one (a mirror serves the same signed files).
    /// </summary>
    public const string RepositoryKeyFingerprint = "DE15B14486CD377B9E876E1A234654DA9A296436";

    /// <summary>The community package repository of a minor line.</summary>
    public static string PackageRepository(string version) => $"https://pkgs.k8s.io/core:/stable:/{MinorLine(version)}/deb/";

    /// <summary>The pause image the kubeadm of <paramref name="version"/> expects, also set as containerd's sandbox image.</summary>
    public static string PauseImage(string version) => Release(version).PauseImage;

    /// <summary>The image registry kubeadm pulls control-plane images from.</summary>
    public const string ImageRepository = "registry.k8s.io";

    /// <summary>The k3s image of the same minor line, used by the fast lab.</summary>
    public const string K3sImage = "rancher/k3s:v1.30.3-k3s1";
}
