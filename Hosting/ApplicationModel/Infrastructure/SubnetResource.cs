using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>A subnet of the private network, usually one per machine role (layer 1).</summary>
/// <param name="name">The subnet name.</param>
/// <param name="cidr">The subnet's address range.</param>
/// <param name="parent">The network the subnet belongs to.</param>
public sealed class SubnetResource(string name, IPNetwork cidr, NetworkResource parent) : PlatformResource(name), IResourceWithParent<NetworkResource>
{
    /// <summary>The subnet's address range.</summary>
    public IPNetwork Cidr { get; } = cidr;

    /// <inheritdoc />
    public NetworkResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Infrastructure;
}
