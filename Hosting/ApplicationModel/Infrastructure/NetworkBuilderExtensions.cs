using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the private network and its subnets (layer 1).</summary>
public static class NetworkBuilderExtensions
{
    /// <summary>Adds the private network every machine sits on.</summary>
    /// <example><code>var network = builder.AddNetwork("private", "10.20.0.0/16");</code></example>
    public static IResourceBuilder<NetworkResource> AddNetwork(this IDistributedApplicationBuilder builder, string name, string cidr)
        => builder.AddPlatformResource(new NetworkResource(name, Cidr.Parse(cidr, $"Network '{name}'")));

    /// <summary>
    /// Sets where administrators and the deployer connect from when that is outside the private network (replaces): SSH,
    /// etcd's client port, HAProxy's stats and node_exporter accept these ranges besides the machines' own subnets.
    /// Without it SSH is open to the private network only, and applying the firewall refuses to lock out the deployer.
    /// </summary>
    /// <example><code>network.WithAdminSources("203.0.113.0/28", "198.51.100.7");</code></example>
    public static IResourceBuilder<NetworkResource> WithAdminSources(this IResourceBuilder<NetworkResource> network, params string[] sources)
    {
        ArgumentNullException.ThrowIfNull(network);
        var ranges = sources.Select(s => Cidr.Parse(s.Contains('/', StringComparison.Ordinal) ? s : s + "/32", $"{network.Resource} admin source")).ToList();
        return network.WithAnnotation(new AdminSourcesAnnotation { Sources = ranges }, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Adds a subnet of the network (appends; one per machine role is usual).</summary>
    /// <example><code>var workers = network.AddSubnet("workers", "10.20.2.0/24");</code></example>
    public static IResourceBuilder<SubnetResource> AddSubnet(this IResourceBuilder<NetworkResource> network, string name, string cidr)
        => network.ApplicationBuilder.AddPlatformResource(new SubnetResource(name, Cidr.Parse(cidr, $"Subnet '{name}'"), network.Resource));
}
