namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>How a joining node finds the cluster.</summary>
public sealed class JoinDiscovery
{
    /// <summary>Discovery through a bootstrap token.</summary>
    public BootstrapTokenDiscovery? BootstrapToken { get; set; }
}
