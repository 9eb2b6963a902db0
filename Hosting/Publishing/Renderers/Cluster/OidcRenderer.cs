using k8s;
using k8s.KubeConfigModels;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 7: the kubeconfig people log in with: the API through the VIP, tokens from the OIDC issuer via the
/// kubelogin plugin (kubectl oidc-login). The cluster CA is filled in at deploy time.
/// </summary>
public sealed class OidcRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<OidcResource>() is not { } oidc)
        {
            yield break;
        }

        var issuer = oidc.Issuer;
        var name = context.Cluster.Name;
        var config = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = name,
            Clusters = [new k8s.KubeConfigModels.Cluster { Name = name, ClusterEndpoint = new ClusterEndpoint { Server = $"https://{context.ControlPlaneEndpointHost}:{ApiLoadBalancerResource.ApiServerPort}", CertificateAuthorityData = "${KUBERNETES_CA_DATA}" } }],
            Contexts = [new Context { Name = name, ContextDetails = new ContextDetails { Cluster = name, User = "oidc" } }],
            Users =
            [
                new User
                {
                    Name = "oidc",
                    UserCredentials = new UserCredentials
                    {
                        ExternalExecution = new ExternalExecution
                        {
                            ApiVersion = "client.authentication.k8s.io/v1beta1",
                            Command = "kubectl",
                            Arguments = ["oidc-login", "get-token", $"--oidc-issuer-url={issuer.IssuerUrl.ToString().TrimEnd('/')}", $"--oidc-client-id={issuer.ClientId}", "--oidc-extra-scope=email", "--oidc-extra-scope=groups"],
                        },
                    },
                },
            ],
        };
        yield return Artifact.ForCluster(PlatformLayer.Security, Components.Oidc, "security/oidc-kubeconfig.yaml",
            $"# Log in to {name} through {issuer.IssuerUrl} (install kubelogin: kubectl krew install oidc-login).\n" + KubernetesYaml.Serialize(config));
    }
}
