using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using k8s.Models;
using Platform.Deployer.Pki;

namespace Platform.Deployer.Tests.Pki;

/// <summary>
/// The approval decision on real CSR objects: PKCS#10 requests made and signed with the .NET crypto APIs, as a
/// kubelet makes them (ECDSA P-256, CN=system:node:NAME, O=system:nodes, its hostname and node IP), inside
/// KubernetesClient's <see cref="V1CertificateSigningRequest"/>.
/// </summary>
public class KubeletServingCsrPolicyTests
{
    private static readonly Machine Cp1 = new("cp-1", NodeRole.ControlPlane, "cp", "control-plane-net", IPAddress.Parse("10.77.1.11"), 1);
    private static readonly Machine Worker1 = new("worker-1", NodeRole.Worker, "worker", "worker-net", IPAddress.Parse("10.77.2.11"), 1);
    private static readonly Machine Worker2 = new("worker-2", NodeRole.Worker, "worker", "worker-net", IPAddress.Parse("10.77.2.12"), 2);

    private readonly KubeletServingCsrPolicy _policy = new([Cp1, Worker1, Worker2]);

    [Fact]
    public void Decide_NodeAsksForItsOwnNameAndAddress_Approved()
    {
        var decision = _policy.Decide(Csr("worker-1", ["worker-1"], ["10.77.2.11"]));

        Assert.True(decision.Verdict == CsrVerdict.Approve, decision.Reason);
        Assert.Equal("csr-worker-1", decision.Name);
    }

    [Theory]
    [InlineData(new[] { "worker-1" }, new[] { "10.77.1.11" }, "IP 10.77.1.11")]                          // another node's address (the API server's)
    [InlineData(new[] { "worker-1", "kubernetes.default.svc" }, new[] { "10.77.2.11" }, "DNS name kubernetes.default.svc")]
    [InlineData(new[] { "cp-1" }, new[] { "10.77.2.11" }, "DNS name cp-1")]                                  // another node's name
    [InlineData(new[] { "worker-1" }, new[] { "10.77.2.11", "127.0.0.1" }, "IP 127.0.0.1")]
    public void Decide_AnyNameOrAddressNotTheNodesOwn_RefusedNamingIt(string[] dns, string[] ips, string named)
    {
        var decision = _policy.Decide(Csr("worker-1", dns, ips));

        Assert.Equal(CsrVerdict.Refuse, decision.Verdict);
        Assert.Contains(named, decision.Reason, StringComparison.Ordinal);
        Assert.Contains("worker-1's own (DNS worker-1, IP 10.77.2.11)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NodeNotInTheModel_Refused()
    {
        var decision = _policy.Decide(Csr("worker-9", ["worker-9"], ["10.77.2.19"]));

        Assert.Equal(CsrVerdict.Refuse, decision.Verdict);
        Assert.Contains("worker-9 is not a node of the model", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NodeAsksInAnotherNodesName_Refused()
    {
        // worker-1's credentials, a request whose subject and names are worker-2's.
        var csr = Csr("worker-2", ["worker-2"], ["10.77.2.12"]);
        csr.Spec.Username = "system:node:worker-1";

        var decision = _policy.Decide(csr);

        Assert.Equal(CsrVerdict.Refuse, decision.Verdict);
        Assert.Contains("is not CN=system:node:worker-1, O=system:nodes", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RequesterNotInTheNodesGroup_Refused()
    {
        var csr = Csr("worker-1", ["worker-1"], ["10.77.2.11"]);
        csr.Spec.Groups = ["system:authenticated"];

        Assert.Equal(CsrVerdict.Refuse, _policy.Decide(csr).Verdict);
    }

    [Fact]
    public void Decide_ClientAuthUsage_Refused()
    {
        var csr = Csr("worker-1", ["worker-1"], ["10.77.2.11"]);
        csr.Spec.Usages = ["digital signature", "server auth", "client auth"];

        var decision = _policy.Decide(csr);

        Assert.Equal(CsrVerdict.Refuse, decision.Verdict);
        Assert.Contains("client auth", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UriOrEmailAltName_Refused()
    {
        var decision = _policy.Decide(Csr("worker-1", ["worker-1"], ["10.77.2.11"], extra: b => b.AddUri(new Uri("spiffe://cluster/ns/kube-system/sa/admin"))));

        Assert.Equal(CsrVerdict.Refuse, decision.Verdict);
        Assert.Contains("tag [6]", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ExtraExtension_BasicConstraintsCa_Refused()
    {
        var decision = _policy.Decide(Csr("worker-1", ["worker-1"], ["10.77.2.11"], ca: true));

        Assert.Equal(CsrVerdict.Refuse, decision.Verdict);
        Assert.Contains("extensions other than", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SignatureDoesNotMatch_Refused()
    {
        var csr = Csr("worker-1", ["worker-1"], ["10.77.2.11"]);
        var pem = Encoding.ASCII.GetString(csr.Spec.Request);
        var der = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);
        der[^5] ^= 0x01; // inside the signature
        csr.Spec.Request = Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE REQUEST", der));

        var decision = _policy.Decide(csr);

        Assert.Equal(CsrVerdict.Refuse, decision.Verdict);
        Assert.Contains("not a valid signed PKCS#10 request", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OtherSignerOrAlreadyApproved_Ignored()
    {
        var client = Csr("worker-1", ["worker-1"], ["10.77.2.11"]);
        client.Spec.SignerName = "kubernetes.io/kube-apiserver-client-kubelet";
        var approved = Csr("worker-1", ["worker-1"], ["10.77.2.11"]);
        approved.Status = new V1CertificateSigningRequestStatus { Conditions = [new V1CertificateSigningRequestCondition { Type = "Approved", Status = "True" }] };

        Assert.Equal(CsrVerdict.Ignore, _policy.Decide(client).Verdict);
        Assert.Equal(CsrVerdict.Ignore, _policy.Decide(approved).Verdict);
    }

    /// <summary>A kubelet's serving CSR for <paramref name="node"/>, signed by a fresh P-256 key.</summary>
    internal static V1CertificateSigningRequest Csr(string node, string[] dns, string[] ips, Action<SubjectAlternativeNameBuilder>? extra = null, bool ca = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"O=system:nodes, CN=system:node:{node}"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dns)
        {
            names.AddDnsName(name);
        }

        foreach (var ip in ips)
        {
            names.AddIpAddress(IPAddress.Parse(ip));
        }

        extra?.Invoke(names);
        request.CertificateExtensions.Add(names.Build());
        if (ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        }

        return new V1CertificateSigningRequest
        {
            Metadata = new V1ObjectMeta { Name = $"csr-{node}" },
            Spec = new V1CertificateSigningRequestSpec
            {
                SignerName = KubeletServingCsrPolicy.Signer,
                Username = $"system:node:{node}",
                Groups = ["system:nodes", "system:authenticated"],
                Usages = ["digital signature", "server auth"],
                Request = Encoding.ASCII.GetBytes(request.CreateSigningRequestPem()),
            },
        };
    }
}
