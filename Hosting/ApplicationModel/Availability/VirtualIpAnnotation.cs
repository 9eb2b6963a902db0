using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The keepalived virtual IP of the load balancers.</summary>
public sealed record VirtualIpAnnotation : IResourceAnnotation
{
    /// <summary>The VIP; must lie in the load-balancer subnet and not be a planned machine address.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The VRRP router id (1-255), unique on the network segment.</summary>
    public int VirtualRouterId { get; init; } = 51;

    /// <summary>The network interface the VIP is added to; null means the one holding the machine's address.</summary>
    public string? Interface { get; init; }
}
