namespace Platform.Hosting.Publishing.Models.CertManager;

/// <summary>An ACME issuer solving HTTP-01 challenges through an ingress class.</summary>
public sealed class AcmeIssuer
{
    /// <summary>The ACME directory URL.</summary>
    public string Server { get; set; } = "";

    /// <summary>The account e-mail.</summary>
    public string? Email { get; set; }

    /// <summary>Where the account key is kept.</summary>
    public Dictionary<string, string> PrivateKeySecretRef { get; set; } = [];

    /// <summary>Challenge solvers.</summary>
    public List<Dictionary<string, object>> Solvers { get; set; } = [];
}
