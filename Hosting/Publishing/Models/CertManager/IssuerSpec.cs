namespace Platform.Hosting.Publishing.Models.CertManager;

/// <summary>How an issuer signs: exactly one of the members is set.</summary>
public sealed class IssuerSpec
{
    /// <summary>Self-signed (used to make the private CA).</summary>
    public Dictionary<string, string>? SelfSigned { get; set; }

    /// <summary>A CA whose key pair is in a Secret.</summary>
    public CaIssuer? Ca { get; set; }

    /// <summary>ACME.</summary>
    public AcmeIssuer? Acme { get; set; }
}
