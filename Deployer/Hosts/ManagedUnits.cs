namespace Platform.Deployer.Hosts;

/// <summary>
/// The systemd units phases enable, start and restart. Facts ask systemd about exactly these (one
/// <c>systemctl show</c>, tens of milliseconds) instead of listing every unit file (most of a second).
/// </summary>
public static class ManagedUnits
{
    /// <summary>Every managed unit.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "ssh.service", "chrony.service", "prometheus-node-exporter.service", "etcd.service", "etcd-snapshot.timer",
        "haproxy.service", "keepalived.service", "containerd.service", "kubelet.service", "platform-firewall.service",
    ];

    /// <summary>The full unit name (".service" added when there is no suffix).</summary>
    public static string Normalize(string unit) => unit.Contains('.') ? unit : unit + ".service";
}
