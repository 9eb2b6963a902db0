using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;

namespace Platform.Lab.Monitoring;

/// <summary>
/// Prometheus and Alertmanager of the machines lab, on a lab-only monitoring machine (production runs them in the
/// cluster, which this lab cannot run). A machine of their own, not one of the model's: stopping a machine, etcd or
/// HAProxy is what the live alert tests do, and the monitor must outlive those faults to report them.
/// </summary>
public sealed class LabMonitoring
{
    /// <summary>The monitoring machine's resource and machine name.</summary>
    public const string MachineName = "monitoring";

    /// <summary>Alertmanager's resource name.</summary>
    public const string AlertmanagerName = "alertmanager";

    /// <summary>Prometheus's port (Debian's default).</summary>
    public const int PrometheusPort = 9090;

    /// <summary>Alertmanager's port (Debian's default).</summary>
    public const int AlertmanagerPort = 9093;

    /// <summary>The monitoring machine's host number on its subnet, far above the planned machines' (x.x.x.11 on).</summary>
    public const int HostNumber = 200;

    /// <summary>The systemd units it runs, followed into its console log.</summary>
    public static IReadOnlyList<string> Units { get; } = ["prometheus.service", "prometheus-alertmanager.service"];

    /// <summary>The monitoring of a running monitoring machine (see <see cref="StartAsync"/>).</summary>
    public LabMonitoring(Machine machine) => Machine = machine;

    /// <summary>The monitoring machine.</summary>
    public Machine Machine { get; }

    /// <summary>Prometheus, as this host reaches it.</summary>
    public Uri PrometheusUrl => new($"http://{Machine.Address}:{PrometheusPort}/");

    /// <summary>Alertmanager, as this host reaches it.</summary>
    public Uri AlertmanagerUrl => new($"http://{Machine.Address}:{AlertmanagerPort}/");

    /// <summary>
    /// The monitoring machine of a model: on the workers' subnet, where production's in-cluster Prometheus scrapes from
    /// (so the firewall treats it as production's Prometheus), else the first subnet with machines; null when the model
    /// has no Prometheus.
    /// </summary>
    /// <exception cref="PlatformException">A model machine already has that address.</exception>
    public static Machine? PlanMachine(PlatformModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var topology = model.PlanTopology();
        if (model.Find<PrometheusResource>() is null || topology.Machines.Count == 0)
        {
            return null;
        }

        var subnetName = (topology.Workers.FirstOrDefault() ?? topology.Machines[0]).Subnet;
        var subnet = model.OfType<SubnetResource>().Single(s => s.Name == subnetName);
        var address = PlatformTopology.HostAddress(subnet.Cidr, HostNumber);
        return topology.Machines.FirstOrDefault(m => m.Address.Equals(address)) is { } taken
            ? throw new PlatformException($"The lab's monitoring machine needs {address} on subnet '{subnetName}', which {taken.Name} has. Give that pool fewer machines or a larger subnet.")
            : new Machine(MachineName, NodeRole.Worker, MachineName, subnetName, address, 1);
    }

    /// <summary>
    /// Starts (or adopts) the monitoring machine from <see cref="MachineImage.Monitoring"/>, writes the files rendered
    /// from the model and (re)starts Prometheus and Alertmanager.
    /// </summary>
    /// <exception cref="PlatformException">The image is missing (the message says how to build it), or a service did not start.</exception>
    public static async Task<LabMonitoring> StartAsync(MachineLab lab, Machine machine, PlatformModel model, LabAlertTiming timing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        await lab.StartExtraMachineAsync(machine, MachineImage.Monitoring, cancellationToken).ConfigureAwait(false);
        await lab.CopyFilesAsync(machine.Name, LabMonitoringFiles.Render(model, timing), cancellationToken).ConfigureAwait(false);
        var units = string.Join(' ', Units);
        var result = await lab.ExecAsync(machine.Name, ["sh", "-c", $"systemctl enable --quiet {units} && systemctl restart {units}"], cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? new LabMonitoring(machine)
            : throw new PlatformException($"Lab {lab.Name}: starting Prometheus and Alertmanager on {machine.Name} failed (exit {result.ExitCode}): {(result.Error + result.Output).Trim()} " +
                $"See why with: podman exec {lab.Name}-{machine.Name} journalctl -u prometheus -u prometheus-alertmanager -n 50");
    }
}
