namespace Platform.Deployer.Pki;

/// <summary>Extended key usages of a leaf certificate.</summary>
[Flags]
public enum CertificateUsage
{
    /// <summary>TLS server.</summary>
    Server = 1,

    /// <summary>TLS client.</summary>
    Client = 2,
}
