namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>kubeadm.k8s.io/v1beta3 InitConfiguration: the first control plane's node settings and bootstrap token.</summary>
public sealed class InitConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "kubeadm.k8s.io/v1beta3";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "InitConfiguration";

    /// <summary>Tokens created at init; nodes join with them.</summary>
    public List<BootstrapToken>? BootstrapTokens { get; set; }

    /// <summary>How this node registers.</summary>
    public NodeRegistrationOptions? NodeRegistration { get; set; }

    /// <summary>Where this node's API server listens.</summary>
    public ApiEndpoint? LocalAPIEndpoint { get; set; }

    /// <summary>Encrypts the control-plane certificates uploaded for joining control planes.</summary>
    public string? CertificateKey { get; set; }
}
