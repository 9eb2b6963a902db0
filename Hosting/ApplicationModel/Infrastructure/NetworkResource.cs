using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The one private network every machine sits on (layer 1).</summary>
/// <param name="name">The network name.</param>
/// <param name="cidr">The whole address range; every subnet lies inside it.</param>
public sealed class NetworkResource(string name, IPNetwork cidr) : PlatformResource(name)
{
    /// <summary>The network's address range.</summary>
    public IPNetwork Cidr { get; } = cidr;

    /// <summary>Where administrators and the deployer connect from besides the machines (none unless set).</summary>
    public IReadOnlyList<IPNetwork> AdminSources => this.TryGetLastAnnotation<AdminSourcesAnnotation>(out var admin) ? admin.Sources : [];

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Infrastructure;
}
