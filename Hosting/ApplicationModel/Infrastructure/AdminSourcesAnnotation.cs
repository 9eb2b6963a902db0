using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Where people and the deployer reach the machines from, besides the machines themselves: SSH, etcd's client port,
/// HAProxy's stats and node_exporter are open to these ranges in every machine's firewall.
/// </summary>
public sealed record AdminSourcesAnnotation : IResourceAnnotation
{
    /// <summary>The address ranges (a single address is a /32).</summary>
    public required IReadOnlyList<IPNetwork> Sources { get; init; }
}
