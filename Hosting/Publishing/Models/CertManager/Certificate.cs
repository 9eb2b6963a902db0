namespace Platform.Hosting.Publishing.Models.CertManager;

/// <summary>cert-manager.io/v1 Certificate.</summary>
public sealed class Certificate() : CustomResource<CertificateSpec>("cert-manager.io/v1", "Certificate")
{
    /// <summary>The CRD that serves it.</summary>
    public const string CrdName = "certificates.cert-manager.io";
}
