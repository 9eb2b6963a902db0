namespace Platform.Hosting.Publishing.Models.CertManager;

/// <summary>A CA issuer: signs with the key pair in <see cref="SecretName"/>.</summary>
public sealed class CaIssuer
{
    /// <summary>The Secret (in cert-manager's namespace for cluster issuers).</summary>
    public string SecretName { get; set; } = "";
}
