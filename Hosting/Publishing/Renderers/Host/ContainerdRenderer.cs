using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>Layer 4: containerd with the systemd cgroup driver kubelet uses, and crictl pointed at it.</summary>
public sealed class ContainerdRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<ContainerRuntimeResource>() is null)
        {
            yield break;
        }

        foreach (var machine in context.Topology.ControlPlanes.Concat(context.Topology.Workers))
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Workers, Components.Containerd, "/etc/containerd/config.toml", $"""
                # containerd for kubelet: systemd cgroups (kubelet's driver too) and the pause image kubeadm {context.Cluster.Version} expects.
                version = 2

                [plugins."io.containerd.grpc.v1.cri"]
                  sandbox_image = "{KubernetesVersions.PauseImage(context.Cluster.Version)}"

                [plugins."io.containerd.grpc.v1.cri".containerd]
                  default_runtime_name = "runc"

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                  SystemdCgroup = true

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.Workers, Components.Containerd, "/etc/crictl.yaml", $"""
                runtime-endpoint: {ContainerRuntimeResource.CriSocket}
                image-endpoint: {ContainerRuntimeResource.CriSocket}
                timeout: 10

                """);
        }
    }
}
