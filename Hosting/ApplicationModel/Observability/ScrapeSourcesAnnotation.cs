using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Where Prometheus scrapes the hosts from, besides the pod network (where kube-prometheus-stack's Prometheus runs):
/// node_exporter, HAProxy's /metrics and etcd's /metrics accept these ranges in the machines' firewalls.
/// </summary>
public sealed record ScrapeSourcesAnnotation : IResourceAnnotation
{
    /// <summary>The address ranges (a single address is a /32).</summary>
    public required IReadOnlyList<IPNetwork> Sources { get; init; }
}
