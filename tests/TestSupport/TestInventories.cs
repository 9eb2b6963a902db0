namespace Platform.Testing;

/// <summary>Inventory files for <see cref="DeployerTestModels.Lab"/> (prefix 10.77) as a person would write them.</summary>
public static class TestInventories
{
    /// <summary>Every machine at its planned address, SSH on 127.0.0.1:2201.., key id_ed25519 next to the file; <paramref name="interfaceOn"/> names its interface (eth0).</summary>
    public static string LabYaml(string interfaceOn = "cp-2")
    {
        var text = "ssh:\n  user: root\n  keyFile: id_ed25519\nmachines:\n";
        var port = 2201;
        foreach (var (name, role, subnet, address) in new[]
        {
            ("cp-1", "control-plane", "control-plane-net", "10.77.1.11"), ("cp-2", "control-plane", "control-plane-net", "10.77.1.12"), ("cp-3", "control-plane", "control-plane-net", "10.77.1.13"),
            ("worker-1", "worker", "worker-net", "10.77.2.11"), ("worker-2", "worker", "worker-net", "10.77.2.12"),
            ("lb-1", "load-balancer", "load-balancer-net", "10.77.3.11"), ("lb-2", "load-balancer", "load-balancer-net", "10.77.3.12"),
        })
        {
            text += $"  - name: {name}\n    role: {role}\n    subnet: {subnet}\n    address: {address}\n    sshHost: 127.0.0.1\n    port: {port++}\n";
            if (name == interfaceOn)
            {
                text += "    interface: eth0\n";
            }
        }

        return text;
    }
}
