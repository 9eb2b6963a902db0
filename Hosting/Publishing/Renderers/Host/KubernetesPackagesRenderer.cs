using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>Layer 4: the pkgs.k8s.io apt source of the cluster's minor line, and kubeadm/kubelet/kubectl pinned to the exact version.</summary>
public sealed class KubernetesPackagesRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var cluster = context.Cluster;
        var version = KubernetesVersions.PackageVersion(cluster.Version);
        foreach (var machine in context.Topology.ControlPlanes.Concat(context.Topology.Workers))
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Workers, Components.KubernetesPackages, "/etc/apt/sources.list.d/kubernetes.list", $"""
                deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] {cluster.PackageRepository} /

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.Workers, Components.KubernetesPackages, "/etc/apt/preferences.d/kubernetes", $"""
                # kubeadm, kubelet and kubectl stay at {version} until a deliberate upgrade (they are also held).
                Package: kubeadm kubelet kubectl
                Pin: version {version}
                Pin-Priority: 1001

                """);
        }
    }
}
