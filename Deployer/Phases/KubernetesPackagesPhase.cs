using Platform.Hosting.Publishing;
using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>containerd (systemd cgroups) and kubeadm, kubelet, kubectl at the pinned version from pkgs.k8s.io, held.</summary>
public sealed class KubernetesPackagesPhase : Phase
{
    private static readonly string[] Held = ["kubeadm", "kubelet", "kubectl"];

    /// <inheritdoc />
    public override string Name => "kubernetes-packages";

    /// <inheritdoc />
    public override string Title => "Container runtime and Kubernetes packages";

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.KubernetesPackages, Components.Containerd];

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.KubernetesNodes;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var cluster = step.Context.Model.Cluster;
        var repository = cluster.PackageRepository;
        var version = KubernetesVersions.PackageVersion(cluster.Version);
        var packages = new[] { ContainerdVersions.Package }.Concat(Held.Select(p => $"{p}={version}")).ToList();
        var needsRepository = packages.Any(p => !IsInstalled(step, p));

        if (needsRepository && !step.Context.DryRun)
        {
            // Fail fast, before any file or package changes, when the source cannot be reached.
            var probe = await step.QueryAsync($"curl -fsS --max-time 15 -o /dev/null {Shell.Quote(repository + "Release.key")}", cancellationToken, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (!probe.Succeeded)
            {
                throw new PackageSourceUnreachableException(step.Host.Name, repository, (probe.Error + probe.Output).Trim() is { Length: > 0 } e ? e : $"curl exit {probe.ExitCode}");
            }
        }

        if (!step.Facts.ExistingPaths.ContainsKey(HostMarkers.KubernetesKeyring))
        {
            await step.ChangeAsync($"add the signing key of {repository}", ct => step.RunAsync(
                $"mkdir -p /etc/apt/keyrings && curl -fsSL --max-time 30 {Shell.Quote(repository + "Release.key")} | gpg --dearmor --yes -o {HostMarkers.KubernetesKeyring}", ct), cancellationToken).ConfigureAwait(false);
        }

        var changed = await step.EnsureFilesAsync(DesiredFiles(step), cancellationToken).ConfigureAwait(false);
        if (changed.Any(f => f.Path == KubernetesPaths.KubeletSysctls))
        {
            // kubelet (protectKernelDefaults) refuses to start until these hold; /etc/sysctl.d keeps them across boots.
            await step.ChangeAsync("apply the kernel settings kubelet expects", ct => step.RunAsync($"sysctl -q -p {KubernetesPaths.KubeletSysctls}", ct), cancellationToken).ConfigureAwait(false);
        }

        await step.EnsurePackagesAsync(packages, cancellationToken).ConfigureAwait(false);

        var unheld = Held.Where(p => !step.Facts.HeldPackages.ContainsKey(p)).ToList();
        if (unheld.Count > 0)
        {
            await step.ChangeAsync($"hold {string.Join(' ', unheld)} at {version} (upgrades are a deliberate operation)", ct => step.RunAsync($"apt-mark hold {string.Join(' ', unheld)}", ct), cancellationToken).ConfigureAwait(false);
            unheld.ForEach(p => step.Facts.HeldPackages[p] = true);
        }

        await step.EnsureServiceAsync("containerd", HostStep.RestartReason(changed, Components.Containerd), cancellationToken).ConfigureAwait(false);

        // kubelet restarts in a loop until kubeadm init/join configures it; enabling it now is kubeadm's documented step.
        await step.EnsureServiceAsync("kubelet", null, cancellationToken, blockOnStart: false).ConfigureAwait(false);
    }

    private static bool IsInstalled(HostStep step, string package)
    {
        var parts = package.Split('=');
        return step.Facts.Packages.TryGetValue(parts[0], out var installed) && (parts.Length == 1 || installed == parts[1]);
    }
}
