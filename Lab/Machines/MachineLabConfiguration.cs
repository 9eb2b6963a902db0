using System.Net;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>What a machine lab starts: validated and immutable, made by <see cref="MachineLabBuilder"/>.</summary>
/// <param name="Name">The lab name; every container and network carries it as a label.</param>
/// <param name="Engine">The Docker API endpoint.</param>
/// <param name="Image">The machine image.</param>
/// <param name="Topology">The machines.</param>
/// <param name="Subnets">Subnet name → range; one network each.</param>
/// <param name="AuthorizedKey">The SSH public key authorised for root.</param>
/// <param name="BootTimeout">How long a machine may take to boot and answer SSH.</param>
/// <param name="Parallelism">Machines started at once.</param>
/// <param name="Files">Absolute path → content of files placed on every machine before its first boot.</param>
public sealed record MachineLabConfiguration(string Name, Uri Engine, string Image, PlatformTopology Topology, IReadOnlyDictionary<string, IPNetwork> Subnets, string AuthorizedKey, TimeSpan BootTimeout, int Parallelism, IReadOnlyDictionary<string, string> Files);
