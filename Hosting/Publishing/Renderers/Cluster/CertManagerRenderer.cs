using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.CertManager;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 7: cert-manager (with its CRDs) and the model's ClusterIssuers: a private CA, and ACME when asked.</summary>
public sealed class CertManagerRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<CertManagerResource>() is not { } certManager)
        {
            yield break;
        }

        var ns = certManager.Chart!.Namespace;
        var monitored = context.Model.Find<PrometheusResource>() is not null;
        var values = new { crds = new { enabled = true, keep = true }, prometheus = new { enabled = monitored, servicemonitor = new { enabled = monitored } } };
        yield return Artifact.ForCluster(PlatformLayer.Security, Components.CertManager, $"addons/{certManager.Name}.yaml",
            HelmCharts.Yaml("cert-manager: TLS certificates for workloads and ingresses.", HelmCharts.For(certManager, values)));

        var objects = new List<object>();
        foreach (var issuer in certManager.Issuers)
        {
            if (issuer.Kind == ClusterIssuerKind.PrivateCa)
            {
                var root = $"{issuer.Name}-selfsigned";
                objects.Add(new ClusterIssuer { Metadata = new V1ObjectMeta { Name = root }, Spec = new IssuerSpec { SelfSigned = [] } });
                objects.Add(new Certificate
                {
                    Metadata = new V1ObjectMeta { Name = issuer.Name, NamespaceProperty = ns },
                    Spec = new CertificateSpec
                    {
                        IsCA = true,
                        CommonName = $"{context.Cluster.Name} {issuer.Name}",
                        SecretName = $"{issuer.Name}-key-pair",
                        Duration = "87600h",
                        PrivateKey = new Dictionary<string, object> { ["algorithm"] = "ECDSA", ["size"] = 256 },
                        IssuerRef = new Dictionary<string, string> { ["name"] = root, ["kind"] = "ClusterIssuer", ["group"] = "cert-manager.io" },
                    },
                });
                objects.Add(new ClusterIssuer { Metadata = new V1ObjectMeta { Name = issuer.Name }, Spec = new IssuerSpec { Ca = new CaIssuer { SecretName = $"{issuer.Name}-key-pair" } } });
            }
            else
            {
                objects.Add(new ClusterIssuer
                {
                    Metadata = new V1ObjectMeta { Name = issuer.Name },
                    Spec = new IssuerSpec
                    {
                        Acme = new AcmeIssuer
                        {
                            Server = issuer.AcmeServer!.ToString(),
                            Email = issuer.Email,
                            PrivateKeySecretRef = new Dictionary<string, string> { ["name"] = $"{issuer.Name}-account-key" },
                            Solvers = [new Dictionary<string, object> { ["http01"] = new Dictionary<string, object> { ["ingress"] = new Dictionary<string, string> { ["ingressClassName"] = context.Model.Find<IngressControllerResource>()?.IngressClassName ?? "traefik" } } }],
                        },
                    },
                });
            }
        }

        yield return Artifact.ForCluster(PlatformLayer.Security, Components.CertManager, "security/cluster-issuers.yaml",
            HelmCharts.Yaml("ClusterIssuers; applied once cert-manager's CRDs are Established.", [.. objects]));
    }
}
