using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 4: the kernel settings kubelet checks with <c>protectKernelDefaults</c> (it refuses to start when they
/// differ, instead of changing them itself). Placed and applied with the Kubernetes packages, on Kubernetes nodes only.
/// </summary>
public sealed class KubeletSysctlsRenderer : IArtifactRenderer
{
    /// <summary>The values kubelet expects (kubelet's KernelTunableModify checks).</summary>
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>
    {
        ["vm.overcommit_memory"] = "1",
        ["vm.panic_on_oom"] = "0",
        ["kernel.panic"] = "10",
        ["kernel.panic_on_oops"] = "1",
        ["kernel.keys.root_maxkeys"] = "1000000",
        ["kernel.keys.root_maxbytes"] = "25000000",
    };

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var content = "# Expected by kubelet's protectKernelDefaults.\n" + string.Concat(Values.Select(v => $"{v.Key} = {v.Value}\n"));
        foreach (var machine in context.Topology.ControlPlanes.Concat(context.Topology.Workers))
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Workers, Components.KubernetesPackages, KubernetesPaths.KubeletSysctls, content);
        }
    }
}
