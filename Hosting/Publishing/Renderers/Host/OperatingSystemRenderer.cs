using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>Layer 2: sysctls, kernel modules loaded at boot, and unattended upgrades that never move Kubernetes or etcd.</summary>
public sealed class OperatingSystemRenderer : IArtifactRenderer
{
    private static readonly string[] NeverUpgraded = ["kubeadm", "kubelet", "kubectl", "containerd", "etcd", "etcd-server", "etcd-client"];

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var os = context.Model.Single<OperatingSystemResource>();
        var sysctls = string.Join("\n", os.Sysctls.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} = {s.Value}"));
        var modules = string.Join("\n", os.KernelModules);
        var policy = os.PatchPolicy;
        var origins = new StringBuilder("    \"${distro_id}:${distro_codename}-security\";\n    \"${distro_id}ESMApps:${distro_codename}-apps-security\";\n    \"${distro_id}ESM:${distro_codename}-infra-security\";\n");
        if (policy.Policy == PatchPolicy.AllUpdates)
        {
            origins.Append("    \"${distro_id}:${distro_codename}-updates\";\n");
        }

        var reboot = policy.RebootTime is null
            ? "Unattended-Upgrade::Automatic-Reboot \"false\";"
            : $"Unattended-Upgrade::Automatic-Reboot \"true\";\nUnattended-Upgrade::Automatic-Reboot-Time \"{policy.RebootTime}\";";
        var enabled = policy.Policy == PatchPolicy.Manual ? "0" : "1";

        foreach (var machine in context.Topology.Machines)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.OperatingSystem, Components.OperatingSystem, "/etc/sysctl.d/90-platform.conf", $"""
                # Kubernetes networking needs forwarding and bridged traffic seen by iptables.
                {sysctls}

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.OperatingSystem, Components.OperatingSystem, "/etc/modules-load.d/platform.conf", $"""
                # overlay for containerd's snapshotter, br_netfilter for bridged pod traffic.
                {modules}

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.OperatingSystem, Components.OperatingSystem, "/etc/apt/apt.conf.d/52platform-unattended-upgrades", $$"""
                // Patch policy: {{policy.Policy}}. Kubernetes and etcd packages move only through a deliberate upgrade.
                Unattended-Upgrade::Allowed-Origins {
                {{origins.ToString().TrimEnd('\n')}}
                };
                Unattended-Upgrade::Package-Blacklist {
                {{string.Join("\n", NeverUpgraded.Select(p => $"    \"{p}\";"))}}
                };
                {{reboot}}
                Unattended-Upgrade::Remove-Unused-Kernel-Packages "true";

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.OperatingSystem, Components.OperatingSystem, "/etc/apt/apt.conf.d/20auto-upgrades", $"""
                APT::Periodic::Update-Package-Lists "{enabled}";
                APT::Periodic::Unattended-Upgrade "{enabled}";

                """);
        }
    }
}
