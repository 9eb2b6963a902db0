using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 1: how each VM is provisioned — a cloud-init user-data (hostname, /etc/hosts of every machine)
/// and a netplan file with its static address — plus machines.json, the machine list for infrastructure tooling.
/// </summary>
public sealed class MachinesRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var network = context.Model.Network;
        var subnets = context.Model.OfType<SubnetResource>().ToDictionary(s => s.Name);
        var pools = context.Model.NodePools.ToDictionary(p => p.Name);
        foreach (var machine in context.Topology.Machines)
        {
            var subnet = subnets[machine.Subnet];
            var gateway = PlatformTopology.HostAddress(subnet.Cidr, 1);
            var hosts = string.Join("\n", context.Topology.Machines.Select(m => $"      {m.Address} {m.Name}"));
            yield return Artifact.ForHost(machine, PlatformLayer.Infrastructure, Components.Machines, "/var/lib/cloud/seed/nocloud/user-data", $"""
                #cloud-config
                # {machine.Name}: {machine.Role.ToName()} in pool {machine.Pool}, subnet {subnet.Name} ({subnet.Cidr}) of network {network.Name} ({network.Cidr}).
                hostname: {machine.Name}
                preserve_hostname: false
                manage_etc_hosts: false
                write_files:
                  - path: /etc/hosts
                    permissions: "0644"
                    content: |
                      127.0.0.1 localhost
                {hosts}
                package_update: true
                package_upgrade: false

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.Infrastructure, Components.Machines, "/etc/netplan/60-platform.yaml", $"""
                # Static address of {machine.Name}; the gateway is the subnet's first address.
                network:
                  version: 2
                  ethernets:
                    {machine.Interface ?? Machine.DefaultInterface}:
                      dhcp4: false
                      addresses: [{machine.Address}/{subnet.Cidr.PrefixLength}]
                      routes:
                        - to: default
                          via: {gateway}

                """, mode: "0600");
        }

        var inventory = context.Topology.Machines.Select(m => new
        {
            name = m.Name,
            role = m.Role.ToName(),
            pool = m.Pool,
            subnet = m.Subnet,
            address = m.Address.ToString(),
            cpus = pools[m.Pool].Size.Cpus,
            memoryGiB = pools[m.Pool].Size.MemoryGiB,
            diskGiB = pools[m.Pool].Size.DiskGiB,
            os = $"{context.Model.Single<OperatingSystemResource>().Distribution} {context.Model.Single<OperatingSystemResource>().Version}",
        });
        var json = JsonSerializer.Serialize(new { network = network.Cidr.ToString(), subnets = subnets.Values.Select(s => new { name = s.Name, cidr = s.Cidr.ToString() }), machines = inventory }, new JsonSerializerOptions { WriteIndented = true });
        yield return Artifact.ForCluster(PlatformLayer.Infrastructure, Components.Machines, "infrastructure/machines.json", json + "\n");
    }
}
