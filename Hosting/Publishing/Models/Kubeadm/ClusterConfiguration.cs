namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>kubeadm.k8s.io/v1beta3 ClusterConfiguration: cluster-wide settings.</summary>
public sealed class ClusterConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "kubeadm.k8s.io/v1beta3";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "ClusterConfiguration";

    /// <summary>The etcd kubeadm uses (external here).</summary>
    public EtcdConfiguration? Etcd { get; set; }

    /// <summary>Pod and service ranges.</summary>
    public Networking? Networking { get; set; }

    /// <summary>The control-plane version, for example v1.30.3.</summary>
    public string? KubernetesVersion { get; set; }

    /// <summary>The stable address of the API servers (the VIP).</summary>
    public string? ControlPlaneEndpoint { get; set; }

    /// <summary>API server settings.</summary>
    public ApiServerComponent? ApiServer { get; set; }

    /// <summary>Controller manager settings.</summary>
    public ControlPlaneComponent? ControllerManager { get; set; }

    /// <summary>Scheduler settings.</summary>
    public ControlPlaneComponent? Scheduler { get; set; }

    /// <summary>Where the PKI lives.</summary>
    public string? CertificatesDir { get; set; }

    /// <summary>The registry of control-plane images.</summary>
    public string? ImageRepository { get; set; }

    /// <summary>The cluster name.</summary>
    public string? ClusterName { get; set; }
}
