using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>
/// Prepares every machine: hostname, packages, swap off (Kubernetes nodes), kernel modules and sysctls,
/// unattended upgrades, chrony, sshd hardening, node_exporter, and the firewall (applied in one transaction,
/// undone unless a new SSH login from the deployer still works).
/// </summary>
public sealed class PrepareOsPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "prepare";

    /// <inheritdoc />
    public override string Title => "Prepare the operating system";

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.OperatingSystem, Components.TimeSync, Components.Sshd, Components.NodeExporter, Components.Firewall];

    /// <summary>The transient timer that removes the firewall again unless the login check cancels it.</summary>
    public const string RollbackUnit = "platform-firewall-rollback";

    /// <summary>How long an applied firewall waits for the login check before it removes itself.</summary>
    public static TimeSpan RollbackAfter { get; } = TimeSpan.FromSeconds(90);

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var os = step.Context.Model.Single<OperatingSystemResource>();
        var machine = step.Host.Machine;
        var facts = step.Facts;
        var isNode = machine.Role != NodeRole.LoadBalancer;

        if (facts.Hostname != machine.Name)
        {
            await step.ChangeAsync($"set hostname to {machine.Name} (is {facts.Hostname})", ct => step.RunAsync($"hostnamectl set-hostname {Shell.Quote(machine.Name)} || {{ hostname {Shell.Quote(machine.Name)} && echo {Shell.Quote(machine.Name)} > /etc/hostname; }}", ct), cancellationToken).ConfigureAwait(false);
        }

        await step.EnsurePackagesAsync(Packages(step.Context.Model, machine), cancellationToken).ConfigureAwait(false);

        if (isNode && facts.ActiveSwaps > 0)
        {
            await step.ChangeAsync("turn swap off, now and at boot (kubelet refuses to run with swap)", ct => step.RunAsync("swapoff -a && sed -ri '/\\sswap\\s/s/^([^#])/#\\1/' /etc/fstab", ct), cancellationToken).ConfigureAwait(false);
        }

        var changed = await step.EnsureFilesAsync(DesiredFiles(step), cancellationToken).ConfigureAwait(false);
        await LoadModulesAsync(step, os, cancellationToken).ConfigureAwait(false);
        await ApplySysctlsAsync(step, os, cancellationToken).ConfigureAwait(false);

        if (changed.Any(f => f.Component == Components.Sshd))
        {
            // A drop-in sshd rejects must not stay: the next sshd restart would lock everyone out.
            await step.ChangeAsync("check and reload sshd (hardening changed)", ct => step.RunAsync(
                "if sshd -t; then systemctl reload ssh || systemctl reload sshd; else rm -f /etc/ssh/sshd_config.d/50-platform-hardening.conf; echo 'sshd rejected the hardening drop-in; removed it' >&2; exit 1; fi", ct), cancellationToken).ConfigureAwait(false);
        }

        await step.EnsureServicesAsync([(Services[0], HostStep.RestartReason(changed, Components.TimeSync)), (Services[1], HostStep.RestartReason(changed, Components.NodeExporter))], cancellationToken).ConfigureAwait(false);
        await step.ReloadUnitsIfChangedAsync(changed, cancellationToken).ConfigureAwait(false);
        if (changed.Any(f => f.Path == FirewallRenderer.RulesetPath) || !facts.ActiveUnits.ContainsKey(FirewallRenderer.UnitName) || !facts.EnabledUnits.ContainsKey(FirewallRenderer.UnitName))
        {
            await ApplyFirewallAsync(step, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks the ruleset, arms a timer that removes it, loads it (one transaction), then logs in again over a new SSH
    /// connection: only when that works is the timer stopped and the boot unit enabled. When it fails, the table is
    /// removed at once through the connection still open (established connections stay allowed).
    /// </summary>
    private static async Task ApplyFirewallAsync(HostStep step, CancellationToken cancellationToken)
    {
        var host = step.Host;
        await step.ChangeAsync($"apply the firewall ({FirewallRenderer.RulesetPath}, one nft transaction; undone unless a new SSH login works)", async ct =>
        {
            var rollback = $"{RollbackUnit}.timer";
            await step.RunAsync(
                $"nft -c -f {FirewallRenderer.RulesetPath} && {{ systemctl stop {rollback} 2>/dev/null; systemctl reset-failed {RollbackUnit}.service 2>/dev/null; true; }} && " +
                $"systemd-run --quiet --collect --unit={RollbackUnit} --on-active={RollbackAfter.TotalSeconds:0} /usr/sbin/nft delete table {FirewallRenderer.Table} && nft -f {FirewallRenderer.RulesetPath}", ct).ConfigureAwait(false);
            try
            {
                await using var login = await step.Context.ConnectAsync(host, ct).ConfigureAwait(false);
                (await login.RunAsync("true", TimeSpan.FromSeconds(15), ct).ConfigureAwait(false)).EnsureSuccess();
            }
            catch (Exception e) when (e is SshConnectionException or RemoteCommandException or HostKeyException)
            {
                await step.QueryAsync($"nft delete table {FirewallRenderer.Table}; systemctl stop {rollback}", ct).ConfigureAwait(false);
                throw new PlatformException($"{host.Name}: with the firewall applied, a new SSH login from the deployer failed ({e.Message}); the firewall was removed again. " +
                    "SSH is open to the private network and the admin sources: add the deployer's address, e.g. network.WithAdminSources(\"203.0.113.7\").");
            }

            await step.RunAsync($"systemctl stop {rollback}; systemctl enable --now {FirewallRenderer.UnitName}", ct).ConfigureAwait(false);
            step.Facts.EnabledUnits[FirewallRenderer.UnitName] = true;
            step.Facts.ActiveUnits[FirewallRenderer.UnitName] = true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The packages this phase installs on a machine.</summary>
    public static IEnumerable<string> Packages(PlatformModel model, Machine machine)
    {
        var packages = model.Single<OperatingSystemResource>().Packages.Concat(["unattended-upgrades", NodeExporterVersions.Package]);
        return machine.Role == NodeRole.Worker ? packages.Concat(LonghornVersions.HostPackages) : packages;
    }

    /// <summary>The services this phase keeps enabled and running.</summary>
    public static IReadOnlyList<string> Services { get; } = ["chrony", "prometheus-node-exporter"];

    private static async Task LoadModulesAsync(HostStep step, OperatingSystemResource os, CancellationToken cancellationToken)
    {
        foreach (var module in os.KernelModules.Where(m => !step.Facts.LoadedModules.ContainsKey(m)))
        {
            if (step.Facts.IsContainer)
            {
                // A container shares the host's kernel and cannot load modules; the file still loads it on a real boot.
                step.Warn($"kernel module {module} is not loaded and a container cannot load it; /etc/modules-load.d loads it when this runs on a VM.");
                continue;
            }

            await step.ChangeAsync($"load kernel module {module}", ct => step.RunAsync($"modprobe {Shell.Quote(module)}", ct), cancellationToken).ConfigureAwait(false);
            step.Facts.LoadedModules[module] = true;
        }
    }

    private static async Task ApplySysctlsAsync(HostStep step, OperatingSystemResource os, CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        foreach (var (key, value) in os.Sysctls)
        {
            var current = step.Facts.Sysctls.GetValueOrDefault(key, "<unavailable>");
            if (current == value)
            {
                continue;
            }

            if (current == "<unavailable>" && step.Facts.IsContainer)
            {
                step.Warn($"sysctl {key} does not exist in this container (it appears when the host loads the module behind it); it is in /etc/sysctl.d for a real boot.");
                continue;
            }

            pending.Add(key);
        }

        if (pending.Count > 0)
        {
            await step.ChangeAsync($"apply sysctls {string.Join(", ", pending.Select(k => $"{k}={os.Sysctls[k]}"))}", async ct =>
            {
                await step.RunAsync(string.Join(" && ", pending.Select(k => $"sysctl -w {Shell.Quote($"{k}={os.Sysctls[k]}")}")), ct).ConfigureAwait(false);
                foreach (var key in pending)
                {
                    step.Facts.Sysctls[key] = os.Sysctls[key];
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
