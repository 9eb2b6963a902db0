using Platform.Deployer.Hosts;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Upgrade;

/// <summary>
/// One stage of an upgrade on its hosts, kubeadm's documented order per node: drained (kubectl on the first control plane),
/// the apt source moved to the new minor line (and containerd to the release's pause image), kubeadm upgraded and run (<c>upgrade apply</c> on the first control plane,
/// <c>upgrade node</c> elsewhere), kubelet and kubectl upgraded and kubelet restarted, uncordoned, Ready. A node already at
/// the target is passed over, so a stopped upgrade resumes where it was (the journal skips finished hosts too).
/// </summary>
/// <param name="name">The phase's name (upgrade-first-control-plane, upgrade-control-planes, upgrade-workers-2).</param>
/// <param name="stage">The stage: its hosts.</param>
/// <param name="to">The release the model pins.</param>
/// <param name="applies">True on the first control plane: kubeadm upgrade apply.</param>
/// <param name="parallel">Hosts at once (1 for control planes; the batch for workers).</param>
public sealed class UpgradeNodePhase(string name, UpgradeStage stage, KubernetesVersion to, bool applies, int parallel) : Phase
{
    /// <summary>How long a node may take to be Ready again.</summary>
    public static TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    private static readonly string[] Held = ["kubeadm", "kubelet", "kubectl"];

    /// <inheritdoc />
    public override string Name => name;

    /// <inheritdoc />
    public override string Title => $"Upgrade to {to}: {stage.Name}";

    /// <inheritdoc />
    public override int? MaxParallelism => parallel;

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.Where(h => stage.Hosts.Contains(h.Name));

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => $"{Name} {to}";

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        if (Held.All(p => KubernetesVersion.TryParse(step.Facts.Packages.GetValueOrDefault(p)) == to))
        {
            return;
        }

        var admin = step.Context.Hosts.FirstControlPlane;
        var node = Shell.Quote(step.Host.Name);
        var version = Aspire.Hosting.ApplicationModel.KubernetesVersions.PackageVersion(to.ToString());
        var os = step.Host.Configurer;
        await step.ChangeAsync($"cordon and drain {step.Host.Name} (at most {RemoveFromClusterPhase.DrainTimeout.TotalMinutes:0.#} min)", async ct =>
            (await admin.Ssh.RunAsync($"{Kubectl} cordon {node} && {RemoveFromClusterPhase.DrainCommand(step.Host.Name)}", RemoveFromClusterPhase.DrainTimeout + TimeSpan.FromMinutes(1), ct).ConfigureAwait(false)).EnsureSuccess(),
            cancellationToken).ConfigureAwait(false);
        // The new release's apt source and pins, and containerd's sandbox image (the pause image its kubeadm expects).
        var changed = await step.EnsureFilesAsync(step.Context.FilesFor(step.Host, [Components.KubernetesPackages, Components.Containerd]), cancellationToken).ConfigureAwait(false);
        await step.EnsureServiceAsync("containerd", HostStep.RestartReason(changed, Components.Containerd), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"kubeadm {to} (apt source {to.MinorLine})", ct => step.RunAsync(
            $"{os.UpdatePackageLists} && apt-mark unhold kubeadm && {os.InstallPackages([$"kubeadm={version}"])} && apt-mark hold kubeadm", ct, TimeSpan.FromMinutes(10)), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync(applies ? $"kubeadm upgrade plan v{to}, then kubeadm upgrade apply v{to}" : "kubeadm upgrade node", ct => step.RunAsync(
            applies ? $"kubeadm upgrade plan v{to} && kubeadm upgrade apply -y v{to}" : "kubeadm upgrade node", ct, TimeSpan.FromMinutes(15)), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"kubelet and kubectl {to}, kubelet restarted", ct => step.RunAsync(
            $"apt-mark unhold kubelet kubectl && {os.InstallPackages([$"kubelet={version}", $"kubectl={version}"])} && apt-mark hold kubelet kubectl && systemctl daemon-reload && systemctl restart kubelet", ct, TimeSpan.FromMinutes(10)), cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"uncordon {step.Host.Name} and wait until it is Ready (at most {ReadyTimeout.TotalMinutes:0.#} min)", async ct =>
            (await admin.Ssh.RunAsync($"{Kubectl} uncordon {node} && {Kubectl} wait --for=condition=Ready node/{step.Host.Name} --timeout={(int)ReadyTimeout.TotalSeconds}s", ReadyTimeout + TimeSpan.FromMinutes(1), ct).ConfigureAwait(false)).EnsureSuccess(),
            cancellationToken).ConfigureAwait(false);
    }

    private const string Kubectl = AdminKubectl.Command;
}
