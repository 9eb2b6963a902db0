using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Deployer.Pki;
using Platform.Testing;

namespace Platform.Deployer.Tests.Pki;

public class CertificateAuthorityTests
{
    [RequiresToolFact("openssl")]
    public async Task LoadOrIssue_ServerCertificate_VerifiesWithOpenSslAndCarriesTheSans()
    {
        using var dir = new TempFolder();
        var ca = CertificateAuthority.LoadOrCreate(dir.Path, "test-ca", KeyAlgorithm.EcdsaP256);
        var leaf = ca.LoadOrIssue(dir.Path, "server", "cp-1", CertificateUsage.Server | CertificateUsage.Client, ["cp-1", "localhost"], [IPAddress.Parse("10.77.1.11"), IPAddress.Loopback]);
        File.WriteAllText(dir.Combine("ca.pem"), ca.CertificatePem);
        File.WriteAllText(dir.Combine("leaf.pem"), leaf.CertificatePem);

        var verify = await ProcessRunner.RunAsync("openssl", ["verify", "-purpose", "sslserver", "-CAfile", dir.Combine("ca.pem"), dir.Combine("leaf.pem")]);
        var text = await ProcessRunner.RunAsync("openssl", ["x509", "-noout", "-ext", "subjectAltName", "-in", dir.Combine("leaf.pem")]);

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("DNS:cp-1", text.Output, StringComparison.Ordinal);
        Assert.Contains("IP Address:10.77.1.11", text.Output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Combine("server.key")));
    }

    [Fact]
    public void LoadOrIssue_SameRequest_ReturnsTheSameCertificateAndNewSansReissue()
    {
        using var dir = new TempFolder();
        var ca = CertificateAuthority.LoadOrCreate(dir.Path, "test-ca", KeyAlgorithm.EcdsaP256);

        var a = ca.LoadOrIssue(dir.Path, "peer", "cp-1", CertificateUsage.Server, ["cp-1"], [IPAddress.Parse("10.0.0.1")]);
        var b = ca.LoadOrIssue(dir.Path, "peer", "cp-1", CertificateUsage.Server, ["cp-1"], [IPAddress.Parse("10.0.0.1")]);
        var c = ca.LoadOrIssue(dir.Path, "peer", "cp-1", CertificateUsage.Server, ["cp-1"], [IPAddress.Parse("10.0.0.2")]);

        Assert.Equal(a, b);
        Assert.NotEqual(a.CertificatePem, c.CertificatePem);
    }

    [Fact]
    public void PublicKeyPin_IsSha256OfTheSubjectPublicKeyInfo()
    {
        using var dir = new TempFolder();
        var ca = CertificateAuthority.LoadOrCreate(dir.Path, "kubernetes", KeyAlgorithm.Rsa2048);
        using var cert = X509Certificate2.CreateFromPem(ca.CertificatePem);
        using var rsa = cert.GetRSAPublicKey()!;

        var pin = ca.PublicKeyPin();

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())), pin);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", ca.KeyPem, StringComparison.Ordinal);
        Assert.Equal("CN=kubernetes", cert.Subject);
    }
}
