using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The machines of a platform with their addresses. Publish plans them from the model; the Deployer
/// builds one from an inventory of real VMs. Renderers read only this, so both render the same files.
/// </summary>
public sealed class PlatformTopology
{
    /// <summary>The first host number used when planning addresses (x.x.x.11 for member 1).</summary>
    public const int FirstPlannedHostNumber = 10;

    /// <summary>Creates a topology from machines.</summary>
    public PlatformTopology(IEnumerable<Machine> machines) => Machines = machines.ToArray();

    /// <summary>Every machine.</summary>
    public IReadOnlyList<Machine> Machines { get; }

    /// <summary>The control-plane machines, first one first.</summary>
    public IEnumerable<Machine> ControlPlanes => WithRole(NodeRole.ControlPlane);

    /// <summary>The worker machines.</summary>
    public IEnumerable<Machine> Workers => WithRole(NodeRole.Worker);

    /// <summary>The load-balancer machines.</summary>
    public IEnumerable<Machine> LoadBalancers => WithRole(NodeRole.LoadBalancer);

    /// <summary>The machines of one role, in pool order.</summary>
    public IEnumerable<Machine> WithRole(NodeRole role) => Machines.Where(m => m.Role == role).OrderBy(m => m.Pool, StringComparer.Ordinal).ThenBy(m => m.Index);

    /// <summary>The machine with a name; throws naming it when absent.</summary>
    public Machine this[string name] => Machines.FirstOrDefault(m => m.Name == name)
        ?? throw new PlatformModelException($"No machine named '{name}'. Known machines: {string.Join(", ", Machines.Select(m => m.Name))}.");

    /// <summary>Plans the machines of a model: pool member i gets host number 10 + i of its subnet.</summary>
    public static PlatformTopology Plan(PlatformModel model)
    {
        var machines = new List<Machine>();
        foreach (var pool in model.NodePools)
        {
            for (var i = 1; i <= pool.Count; i++)
            {
                machines.Add(new Machine($"{pool.Name}-{i}", pool.Role, pool.Name, pool.Subnet.Name, HostAddress(pool.Subnet.Cidr, FirstPlannedHostNumber + i), i));
            }
        }

        return new PlatformTopology(machines);
    }

    /// <summary>The address at host number <paramref name="hostNumber"/> of an IPv4 range.</summary>
    public static IPAddress HostAddress(IPNetwork network, int hostNumber)
    {
        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new PlatformModelException($"Subnet {network} is not IPv4. Use an IPv4 range such as 10.20.1.0/24.");
        }

        var bytes = network.BaseAddress.GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) + (uint)hostNumber;
        var address = new IPAddress(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
        if (!network.Contains(address))
        {
            throw new PlatformModelException($"Subnet {network} has no host number {hostNumber}. Use a larger subnet.");
        }

        return address;
    }
}
