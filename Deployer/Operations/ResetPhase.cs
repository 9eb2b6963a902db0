using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Operations;

/// <summary>
/// Returns a host to a clean OS, from its facts: kubeadm reset where a node was, the platform's units stopped and
/// disabled, firewall and kube-proxy rules flushed, its packages unheld and purged, then its files, PKI, etcd data and
/// state folders removed. Each is one change, planned in the same words.
/// </summary>
public sealed class ResetPhase : Phase
{
    /// <summary>The phase's name.</summary>
    public const string PhaseName = "reset";

    /// <inheritdoc />
    public override string Name => PhaseName;

    /// <inheritdoc />
    public override string Title => "Reset to a clean OS";

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => Name;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var facts = step.Facts;
        if (facts.Packages.ContainsKey("kubeadm"))
        {
            await step.ChangeAsync("kubeadm reset (the node's Kubernetes state and static pods)", ct => step.RunAsync("kubeadm reset --force", ct, TimeSpan.FromMinutes(5)), cancellationToken).ConfigureAwait(false);
        }

        var units = PlatformFootprint.Units.Where(u => facts.ActiveUnits.ContainsKey(u) || facts.EnabledUnits.ContainsKey(u)).ToList();
        if (units.Count > 0)
        {
            await step.ChangeAsync($"stop and disable {string.Join(' ', units)}", ct => step.RunAsync($"systemctl disable --now {Shell.Join(units)}", ct), cancellationToken).ConfigureAwait(false);
        }

        var rules = await step.QueryAsync("nft list table inet platform >/dev/null 2>&1 && echo platform; command -v iptables >/dev/null && iptables -S 2>/dev/null | grep -qE -- '-N (KUBE|cali)' && echo kube; true", cancellationToken).ConfigureAwait(false);
        if (rules.Output.Contains("platform", StringComparison.Ordinal))
        {
            await step.ChangeAsync("remove the firewall rules (nftables table inet platform)", ct => step.RunAsync("nft delete table inet platform", ct), cancellationToken).ConfigureAwait(false);
        }

        if (rules.Output.Contains("kube", StringComparison.Ordinal))
        {
            await step.ChangeAsync("flush the iptables rules kube-proxy and Calico left", ct => step.RunAsync(
                "for t in filter nat mangle raw; do iptables -t $t -F && iptables -t $t -X; done", ct), cancellationToken).ConfigureAwait(false);
        }

        // dpkg is asked itself: a purge interrupted earlier leaves packages facts do not list as installed.
        var (packages, _) = PlatformFootprint.ParseLeftovers((await step.QueryAsync(PlatformFootprint.LeftoversCommand, cancellationToken).ConfigureAwait(false)).EnsureSuccess().Output);
        if (packages.Count > 0)
        {
            var held = packages.Where(facts.HeldPackages.ContainsKey).ToList();
            await step.ChangeAsync($"purge packages {string.Join(' ', packages)}{(held.Count > 0 ? $" (unholding {string.Join(' ', held)})" : "")}",
                ct => step.RunAsync(step.Host.Configurer.PurgePackages(packages), ct, TimeSpan.FromMinutes(10)), cancellationToken).ConfigureAwait(false);
        }

        var files = PlatformFootprint.Files(step.Context, step.Host).Where(facts.Files.ContainsKey).ToList();
        var paths = PlatformFootprint.Paths.Where(facts.ExistingPaths.ContainsKey).ToList();
        if (files.Count + paths.Count > 0)
        {
            var sshd = files.Any(f => step.Context.FilesFor(step.Host, [Components.Sshd]).Any(d => d.Path == f));
            var what = string.Join(", ", paths.Concat(files.Where(f => !paths.Any(p => f.StartsWith(p + "/", StringComparison.Ordinal)))));
            await step.ChangeAsync($"remove the platform's files, PKI and state: {what}", async ct =>
            {
                await step.RunAsync($"rm -rf {Shell.Join(paths.Concat(files))} && systemctl daemon-reload", ct).ConfigureAwait(false);
                if (sshd)
                {
                    // sshd keeps this session either way; the next login meets the distribution's defaults.
                    await step.RunAsync("systemctl reload ssh || systemctl reload sshd", ct).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        if (facts.Sysctls.Count > 0 && files.Any(f => f.StartsWith("/etc/sysctl.d/", StringComparison.Ordinal)))
        {
            step.Warn("the platform's sysctls keep their values until the next boot (their file is removed).");
        }
    }
}
