namespace Platform.Deployer.Pki;

/// <summary>A leaf certificate and its key, as PEM.</summary>
/// <param name="CertificatePem">The certificate.</param>
/// <param name="KeyPem">The private key.</param>
public sealed record IssuedCertificate(string CertificatePem, string KeyPem)
{
    /// <summary>Never print key material.</summary>
    public override string ToString() => "IssuedCertificate { key hidden }";
}
