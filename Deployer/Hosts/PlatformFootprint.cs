using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Backup;
using Platform.Deployer.Phases;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Hosts;

/// <summary>
/// Everything the platform leaves on a host, as a reset removes it and as facts find it: the units it runs, the
/// packages installed for them, its files and PKI, and its state folders. Provisioning files (netplan, cloud-init)
/// are not the platform's to remove: the machine keeps its address. Generic OS packages (curl, gpg...) stay.
/// </summary>
public static class PlatformFootprint
{
    /// <summary>The platform's units: every managed unit but sshd.</summary>
    public static IReadOnlyList<string> Units { get; } = [.. ManagedUnits.All.Where(u => u != "ssh.service")];

    /// <summary>Packages installed for the platform's services; kubeadm, kubelet and kubectl are also held.</summary>
    public static IReadOnlyList<string> Packages { get; } =
    [
        "kubeadm", "kubelet", "kubectl", "kubernetes-cni", "cri-tools", ContainerdVersions.Package, "etcd-server", "etcd-client",
        "haproxy", "keepalived", NodeExporterVersions.Package, "chrony",
    ];

    /// <summary>State folders and files outside the rendered ones: etcd data and PKI, kubelet and CNI state, images, binaries.</summary>
    public static IReadOnlyList<string> Paths { get; } =
    [
        "/var/lib/etcd", EtcdPaths.ConfigDirectory, EtcdSnapshotResource.Directory, "/etc/kubernetes", "/var/lib/kubelet", "/etc/cni/net.d", "/var/lib/cni",
        "/var/lib/containerd", "/root/.kube", "/var/log/kubernetes", HostMarkers.UpstreamEtcd, EtcdVersions.UpstreamBinDirectory + "/etcdctl",
        EtcdVersions.UpstreamBinDirectory + "/etcdutl", HostMarkers.KubernetesKeyring,
    ];

    /// <summary>The rendered files the platform places on <paramref name="host"/> (provisioning files excepted), with its PKI.</summary>
    public static IReadOnlyList<string> Files(DeploymentContext context, DeployHost host)
        => [.. Placed(context, host, provisioning: false).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every file a deploy places on <paramref name="host"/>: rendered artifacts (with <paramref name="provisioning"/>, the
    /// machine's own too) and, on a control plane, its etcd PKI, the Kubernetes CA and the snapshot keys. Facts ask for these.
    /// </summary>
    public static IEnumerable<string> Placed(DeploymentContext context, DeployHost host, bool provisioning = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        return context.Artifacts.Where(a => a.Target == host.Name && a.HostPath is not null && (provisioning || a.Component != Components.Machines)).Select(a => a.HostPath!)
            .Concat(host.Machine.Role == NodeRole.ControlPlane ? context.Pki.EtcdFiles(host.Machine).Concat(context.Pki.KubernetesCaFiles()).Concat(BackupHostFiles.For(context)).Select(f => f.Path) : [])
            .Distinct();
    }

    /// <summary>
    /// One command listing what facts do not show: the platform's packages dpkg knows in any state but not-installed
    /// (half-installed after an interrupted purge, or config-files only) and its unit files still present, one
    /// <c>package NAME STATE</c> or <c>unit NAME</c> line each.
    /// </summary>
    public static string LeftoversCommand { get; } =
        $"dpkg-query -W -f='${{db:Status-Abbrev}} ${{Package}}\\n' {Ssh.Shell.Join(Packages)} 2>/dev/null | awk 'substr($1, 2, 1) != \"n\" {{print \"package\", $2, $1}}'; " +
        $"for u in {Ssh.Shell.Join(Units)}; do systemctl cat \"$u\" >/dev/null 2>&1 && echo unit \"$u\"; done; true";

    /// <summary>The packages <see cref="LeftoversCommand"/> found, and every leftover as "package NAME (STATE)" or "unit file NAME".</summary>
    public static (IReadOnlyList<string> Packages, IReadOnlyList<string> Found) ParseLeftovers(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')).ToList();
        var packages = lines.Where(l => l is ["package", _, _]).Select(l => l[1]).ToList();
        return (packages, [.. lines.Where(l => l is ["package", _, _]).Select(l => $"package {l[1]} ({l[2]})").Concat(lines.Where(l => l is ["unit", _]).Select(l => $"unit file {l[1]}"))]);
    }

    /// <summary>What facts still find of the platform on <paramref name="host"/>; empty on a clean host.</summary>
    public static IReadOnlyList<string> Found(DeploymentContext context, DeployHost host, HostFacts facts)
    {
        var found = new List<string>();
        found.AddRange(Units.Where(u => facts.ActiveUnits.ContainsKey(u) || facts.EnabledUnits.ContainsKey(u)).Select(u => $"unit {u}"));
        found.AddRange(Packages.Where(facts.Packages.ContainsKey).Select(p => $"package {p}{(facts.HeldPackages.ContainsKey(p) ? " (held)" : "")}"));
        found.AddRange(Files(context, host).Where(facts.Files.ContainsKey).Select(f => $"file {f}"));
        found.AddRange(Paths.Where(facts.ExistingPaths.ContainsKey).Select(p => $"path {p}"));
        return found;
    }
}
