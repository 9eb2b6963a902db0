namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>kubeadm.k8s.io/v1beta3 JoinConfiguration: how a node joins.</summary>
public sealed class JoinConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "kubeadm.k8s.io/v1beta3";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "JoinConfiguration";

    /// <summary>How this node registers.</summary>
    public NodeRegistrationOptions? NodeRegistration { get; set; }

    /// <summary>Where the cluster CA is written.</summary>
    public string? CaCertPath { get; set; }

    /// <summary>How the node finds and trusts the cluster.</summary>
    public JoinDiscovery? Discovery { get; set; }

    /// <summary>Set when the node joins as a control plane.</summary>
    public JoinControlPlane? ControlPlane { get; set; }
}
