using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the private network and its subnets (layer 1).</summary>
public static class NetworkBuilderExtensions
{
    /// <summary>Adds the private network every machine sits on.</summary>
    /// <example><code>var network = builder.AddNetwork("private", "10.20.0.0/16");</code></example>
    public static IResourceBuilder<NetworkResource> AddNetwork(this IDistributedApplicationBuilder builder, string name, string cidr)
        => builder.AddPlatformResource(new NetworkResource(name, Cidr.Parse(cidr, $"Network '{name}'")));

    /// <summary>Adds a subnet of the network (appends; one per machine role is usual).</summary>
    /// <example><code>var workers = network.AddSubnet("workers", "10.20.2.0/24");</code></example>
    public static IResourceBuilder<SubnetResource> AddSubnet(this IResourceBuilder<NetworkResource> network, string name, string cidr)
        => network.ApplicationBuilder.AddPlatformResource(new SubnetResource(name, Cidr.Parse(cidr, $"Subnet '{name}'"), network.Resource));
}
