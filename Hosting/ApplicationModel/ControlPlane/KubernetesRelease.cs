namespace Aspire.Hosting.ApplicationModel;

/// <summary>A Kubernetes release Platform deploys, with what is tied to it.</summary>
/// <param name="Version">The release, for example <c>1.31.14</c>.</param>
/// <param name="PackageRevision">The Debian package revision pkgs.k8s.io publishes it under (the apt version is <c>Version-PackageRevision</c>).</param>
/// <param name="PauseImage">The pause image its kubeadm expects, also containerd's sandbox image.</param>
public sealed record KubernetesRelease(string Version, string PackageRevision, string PauseImage);
