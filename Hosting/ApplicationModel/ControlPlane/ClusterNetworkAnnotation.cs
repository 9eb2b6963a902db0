using System.Net;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The cluster's internal address ranges.</summary>
public sealed record ClusterNetworkAnnotation : IResourceAnnotation
{
    /// <summary>Pod addresses (kubeadm podSubnet, Calico IP pool).</summary>
    public required IPNetwork PodCidr { get; init; }

    /// <summary>Service addresses (kubeadm serviceSubnet).</summary>
    public required IPNetwork ServiceCidr { get; init; }

    /// <summary>The cluster DNS domain.</summary>
    public string DnsDomain { get; init; } = "cluster.local";
}
