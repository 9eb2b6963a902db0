namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration.</summary>
public sealed class KubeProxyConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "kubeproxy.config.k8s.io/v1alpha1";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "KubeProxyConfiguration";

    /// <summary>iptables or ipvs.</summary>
    public string? Mode { get; set; }

    /// <summary>The pod range, so traffic from outside it is masqueraded.</summary>
    public string? ClusterCIDR { get; set; }

    /// <summary>Where kube-proxy serves metrics.</summary>
    public string? MetricsBindAddress { get; set; }
}
