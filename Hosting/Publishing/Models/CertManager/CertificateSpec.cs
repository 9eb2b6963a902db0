namespace Platform.Hosting.Publishing.Models.CertManager;

/// <summary>What certificate to issue, by whom, into which Secret.</summary>
public sealed class CertificateSpec
{
    /// <summary>True for a CA certificate.</summary>
    public bool? IsCA { get; set; }

    /// <summary>The subject common name.</summary>
    public string? CommonName { get; set; }

    /// <summary>The Secret the key pair is written to.</summary>
    public string SecretName { get; set; } = "";

    /// <summary>The issuer.</summary>
    public Dictionary<string, string> IssuerRef { get; set; } = [];

    /// <summary>The key.</summary>
    public Dictionary<string, object>? PrivateKey { get; set; }

    /// <summary>Lifetime.</summary>
    public string? Duration { get; set; }
}
