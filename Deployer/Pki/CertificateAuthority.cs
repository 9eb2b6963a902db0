using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Deployer.Pki;

/// <summary>A CA kept as PEM files that issues leaf certificates, all with System.Security.Cryptography.</summary>
public sealed class CertificateAuthority
{
    private CertificateAuthority(string certificatePem, string keyPem)
    {
        CertificatePem = certificatePem;
        KeyPem = keyPem;
    }

    /// <summary>The CA certificate's file name in its folder.</summary>
    public const string CertificateFileName = "ca.crt";

    /// <summary>The CA certificate.</summary>
    public string CertificatePem { get; }

    /// <summary>The CA private key (PKCS#8).</summary>
    public string KeyPem { get; }

    /// <summary>Loads the CA from <paramref name="directory"/>, creating it (10 years) when absent.</summary>
    public static CertificateAuthority LoadOrCreate(string directory, string commonName, KeyAlgorithm algorithm)
    {
        var certPath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, "ca.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            return new CertificateAuthority(File.ReadAllText(certPath), File.ReadAllText(keyPath));
        }

        using var key = NewKey(algorithm);
        var request = NewRequest($"CN={commonName}", key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
        var ca = new CertificateAuthority(certificate.ExportCertificatePem(), ExportKey(key));
        StateFiles.WriteSecret(certPath, ca.CertificatePem);
        StateFiles.WriteSecret(keyPath, ca.KeyPem);
        return ca;
    }

    /// <summary>The CA certificate, for reading fields.</summary>
    public X509Certificate2 Certificate => X509Certificate2.CreateFromPem(CertificatePem);

    /// <summary>
    /// Loads a leaf from <paramref name="directory"/>/<paramref name="name"/>.crt/.key, issuing it when absent,
    /// expiring within 30 days, or signed by another CA. Stable files keep repeated runs change-free.
    /// </summary>
    public IssuedCertificate LoadOrIssue(string directory, string name, string commonName, CertificateUsage usage, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, string? organization = null)
    {
        var certPath = Path.Combine(directory, name + ".crt");
        var keyPath = Path.Combine(directory, name + ".key");
        var dns = dnsNames.Distinct().ToList();
        var ips = addresses.Distinct().ToList();
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = new IssuedCertificate(File.ReadAllText(certPath), File.ReadAllText(keyPath));
            if (IsCurrent(existing, dns, ips))
            {
                return existing;
            }
        }

        using var key = NewKey(KeyAlgorithm.EcdsaP256);
        var subject = organization is null ? $"CN={commonName}" : $"CN={commonName}, O={organization}";
        var request = NewRequest(subject, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var ekus = new OidCollection();
        if (usage.HasFlag(CertificateUsage.Server))
        {
            ekus.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        }

        if (usage.HasFlag(CertificateUsage.Client))
        {
            ekus.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, false));
        if (dns.Count > 0 || ips.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            dns.ForEach(san.AddDnsName);
            ips.ForEach(san.AddIpAddress);
            request.CertificateExtensions.Add(san.Build());
        }

        using var issuer = X509Certificate2.CreateFromPem(CertificatePem, KeyPem);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = DateTimeOffset.UtcNow.AddYears(1);
        using var certificate = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-5), notAfter < issuer.NotAfter ? notAfter : issuer.NotAfter, serial);
        var issued = new IssuedCertificate(certificate.ExportCertificatePem(), ExportKey(key));
        StateFiles.WriteSecret(certPath, issued.CertificatePem);
        StateFiles.WriteSecret(keyPath, issued.KeyPem);
        return issued;
    }

    /// <summary>kubeadm's discovery hash: <c>sha256:</c> and the hex SHA-256 of the CA's SubjectPublicKeyInfo.</summary>
    public string PublicKeyPin()
    {
        using var certificate = Certificate;
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    private bool IsCurrent(IssuedCertificate issued, List<string> dns, List<IPAddress> ips)
    {
        using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem);
        using var ca = Certificate;
        if (certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow.AddDays(30) || certificate.Issuer != ca.Subject)
        {
            return false;
        }

        // The SANs must match what is asked now: an address change in the inventory re-issues.
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var haveDns = san?.EnumerateDnsNames().ToHashSet() ?? [];
        var haveIps = san?.EnumerateIPAddresses().ToHashSet() ?? [];
        return haveDns.SetEquals(dns) && haveIps.SetEquals(ips);
    }

    private static AsymmetricAlgorithm NewKey(KeyAlgorithm algorithm)
        => algorithm == KeyAlgorithm.Rsa2048 ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static CertificateRequest NewRequest(string subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static string ExportKey(AsymmetricAlgorithm key) => key switch
    {
        // kubeadm reads the cluster CA key as PKCS#1 (RSA) PEM; etcd reads PKCS#8 for EC keys.
        RSA rsa => rsa.ExportRSAPrivateKeyPem(),
        _ => key.ExportPkcs8PrivateKeyPem(),
    };
}
