namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>Cluster address ranges.</summary>
public sealed class Networking
{
    /// <summary>Service addresses.</summary>
    public string? ServiceSubnet { get; set; }

    /// <summary>Pod addresses.</summary>
    public string? PodSubnet { get; set; }

    /// <summary>The DNS domain.</summary>
    public string? DnsDomain { get; set; }
}
