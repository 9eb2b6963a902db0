namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>Settings for a node joining as a control plane.</summary>
public sealed class JoinControlPlane
{
    /// <summary>Where its API server listens.</summary>
    public ApiEndpoint? LocalAPIEndpoint { get; set; }

    /// <summary>Decrypts the uploaded control-plane certificates.</summary>
    public string? CertificateKey { get; set; }
}
