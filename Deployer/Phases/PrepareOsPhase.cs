using Platform.Hosting.Publishing;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>
/// Prepares every machine: hostname, packages, swap off (Kubernetes nodes), kernel modules and sysctls,
/// unattended upgrades, chrony, sshd hardening, node_exporter.
/// </summary>
public sealed class PrepareOsPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "prepare";

    /// <inheritdoc />
    public override string Title => "Prepare the operating system";

    /// <inheritdoc />
    public override IReadOnlyList<string> FileComponents => [Components.OperatingSystem, Components.TimeSync, Components.Sshd, Components.NodeExporter];

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
