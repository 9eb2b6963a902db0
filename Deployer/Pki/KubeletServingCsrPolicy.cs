using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using k8s.Models;

namespace Platform.Deployer.Pki;

/// <summary>
/// Which kubelet serving certificates may be approved: a pending <c>kubernetes.io/kubelet-serving</c> request from
/// <c>system:node:NAME</c> (group <c>system:nodes</c>) of a node in the model, signed by its key, for subject
/// <c>CN=system:node:NAME, O=system:nodes</c>, server-auth usages only, and subject alternative names that are
/// only the node's own name and its address in the model. Anything else would let a node (or whoever holds its
/// credentials) obtain a certificate the cluster CA vouches for in another host's name.
/// </summary>
public sealed class KubeletServingCsrPolicy
{
    /// <summary>The signer of kubelet serving certificates.</summary>
    public const string Signer = "kubernetes.io/kubelet-serving";

    private const string NodesGroup = "system:nodes";
    private const string NodePrefix = "system:node:";
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";
    private const string SubjectAltNameOid = "2.5.29.17";

    private static readonly HashSet<string> AllowedUsages = new(["digital signature", "key encipherment", "server auth"], StringComparer.Ordinal);

    private readonly Dictionary<string, Machine> _nodes;

    /// <summary>A policy for the given Kubernetes nodes (control planes and workers of the model).</summary>
    public KubeletServingCsrPolicy(IEnumerable<Machine> nodes) => _nodes = nodes.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>Decides on one CSR as read from the API.</summary>
    public CsrDecision Decide(V1CertificateSigningRequest csr)
    {
        ArgumentNullException.ThrowIfNull(csr);
        var name = csr.Metadata?.Name ?? "";
        var spec = csr.Spec;
        if (spec?.SignerName != Signer)
        {
            return new(name, CsrVerdict.Ignore, $"{name}: signer {spec?.SignerName} is not {Signer}");
        }

        if (csr.Status?.Conditions is { Count: > 0 } || csr.Status?.Certificate is { Length: > 0 })
        {
            return new(name, CsrVerdict.Ignore, $"{name}: already {string.Join(", ", csr.Status.Conditions?.Select(c => c.Type) ?? ["issued"])}");
        }

        var problem = Problem(spec);
        return problem is null
            ? new(name, CsrVerdict.Approve, $"{name}: {spec.Username} asks for its own name and address")
            : new(name, CsrVerdict.Refuse, $"{name} ({spec.Username}): not approved: {problem}; it stays pending (approve it by hand only if that is intended)");
    }

    private string? Problem(V1CertificateSigningRequestSpec spec)
    {
        var username = spec.Username ?? "";
        if (!username.StartsWith(NodePrefix, StringComparison.Ordinal) || spec.Groups?.Contains(NodesGroup) != true)
        {
            return $"the requester is not a node ({NodePrefix}NAME in group {NodesGroup})";
        }

        var nodeName = username[NodePrefix.Length..];
        if (!_nodes.TryGetValue(nodeName, out var node))
        {
            return $"{nodeName} is not a node of the model ({string.Join(", ", _nodes.Keys)})";
        }

        var usages = spec.Usages ?? [];
        if (!usages.Contains("server auth") || usages.Any(u => !AllowedUsages.Contains(u)))
        {
            return $"usages [{string.Join(", ", usages)}] are not server auth (with digital signature, key encipherment)";
        }

        CertificateRequest request;
        try
        {
            // Loading checks the request's signature (the requester holds the key); "unsafe" only means the requested
            // extensions are read in, which is what is inspected here (they are not copied into any certificate).
            request = CertificateRequest.LoadSigningRequestPem(Encoding.ASCII.GetString(spec.Request ?? []), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException e)
        {
            return $"the request is not a valid signed PKCS#10 request ({e.Message})";
        }

        var subject = request.SubjectName.EnumerateRelativeDistinguishedNames().Select(r => (Oid: r.GetSingleElementType().Value, Value: r.GetSingleElementValue())).ToList();
        if (subject.Count != 2 || !subject.Contains((CommonNameOid, username)) || !subject.Contains((OrganizationOid, NodesGroup)))
        {
            return $"the subject '{request.SubjectName.Name}' is not CN={username}, O={NodesGroup}";
        }

        var extensions = request.CertificateExtensions.ToList();
        if (extensions.Any(e => e.Oid?.Value != SubjectAltNameOid) || extensions.Count != 1)
        {
            return $"it asks for extensions other than one subject alternative name ({string.Join(", ", extensions.Select(e => e.Oid?.FriendlyName ?? e.Oid?.Value))})";
        }

        return AltNamesProblem(extensions[0].RawData, node);
    }

    /// <summary>Every subject alternative name must be the node's own name or its address; any other kind is refused.</summary>
    private static string? AltNamesProblem(byte[] raw, Machine node)
    {
        var foreign = new List<string>();
        var count = 0;
        try
        {
            var names = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                count++;
                var tag = names.PeekTag();
                if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
                {
                    var dns = names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                    if (!string.Equals(dns, node.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        foreign.Add($"DNS name {dns}");
                    }
                }
                else if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 7)))
                {
                    var ip = new IPAddress(names.ReadOctetString(tag));
                    if (!ip.Equals(node.Address))
                    {
                        foreign.Add($"IP {ip}");
                    }
                }
                else
                {
                    names.ReadEncodedValue();
                    foreign.Add($"a subject alternative name of tag [{tag.TagValue}] (only DNS names and IPs are expected)");
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            return $"its subject alternative names cannot be read ({e.Message})";
        }

        if (count == 0)
        {
            return "it names no DNS name or IP";
        }

        return foreign.Count == 0 ? null : $"{string.Join(", ", foreign)} {(foreign.Count == 1 ? "is" : "are")} not {node.Name}'s own (DNS {node.Name}, IP {node.Address})";
    }
}
