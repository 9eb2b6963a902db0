namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>kubelet.config.k8s.io/v1beta1 KubeletConfiguration, applied to every node by kubeadm.</summary>
public sealed class KubeletConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "kubelet.config.k8s.io/v1beta1";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "KubeletConfiguration";

    /// <summary>systemd, matching containerd.</summary>
    public string? CgroupDriver { get; set; }

    /// <summary>The cluster DNS service address.</summary>
    public List<string>? ClusterDNS { get; set; }

    /// <summary>The DNS domain.</summary>
    public string? ClusterDomain { get; set; }

    /// <summary>Request a serving certificate from the cluster CA (metrics-server verifies it).</summary>
    public bool? ServerTLSBootstrap { get; set; }

    /// <summary>Rotate client certificates.</summary>
    public bool? RotateCertificates { get; set; }

    /// <summary>The CRI socket.</summary>
    public string? ContainerRuntimeEndpoint { get; set; }

    /// <summary>Fail rather than change kernel settings kubelet needs.</summary>
    public bool? ProtectKernelDefaults { get; set; }

    /// <summary>The unauthenticated read-only port; 0 turns it off.</summary>
    public int? ReadOnlyPort { get; set; }

    /// <summary>Run every container with the runtime's default seccomp profile unless it asks otherwise.</summary>
    public bool? SeccompDefault { get; set; }

    /// <summary>The lowest TLS version the kubelet's server accepts.</summary>
    public string? TlsMinVersion { get; set; }

    /// <summary>The TLS 1.2 cipher suites the kubelet's server accepts.</summary>
    public List<string>? TlsCipherSuites { get; set; }
}
