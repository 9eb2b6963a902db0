using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 5: Traefik on worker NodePorts (the load balancers' HAProxy forwards 80/443 to them), serving Ingress objects
/// as the default IngressClass and the Gateway API: the chart installs the Gateway API CRDs and a Gateway on the
/// web entry point.
/// </summary>
public sealed class TraefikRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<TraefikResource>() is not { } traefik)
        {
            yield break;
        }

        var monitored = context.Model.Find<PrometheusResource>() is not null;
        var values = new
        {
            deployment = new { replicas = traefik.Replicas },
            podDisruptionBudget = new { enabled = true, minAvailable = 1 },
            ingressClass = new { enabled = true, isDefaultClass = true, name = traefik.IngressClassName },
            providers = new { kubernetesIngress = new { enabled = true }, kubernetesCRD = new { enabled = true }, kubernetesGateway = new { enabled = true } },
            gateway = new { enabled = true },
            service = new { spec = new { type = "NodePort" } },
            ports = new
            {
                web = new { port = TraefikVersions.WebPort, nodePort = traefik.HttpNodePort },
                websecure = new { port = TraefikVersions.WebSecurePort, nodePort = traefik.HttpsNodePort },
            },
            metrics = new { prometheus = new { serviceMonitor = new { enabled = monitored } } },
        };
        yield return Artifact.ForCluster(PlatformLayer.Networking, Components.Traefik, $"addons/{traefik.Name}.yaml",
            HelmCharts.Yaml($"Traefik on NodePorts {traefik.HttpNodePort}/{traefik.HttpsNodePort}, behind the load balancers' 80/443; Ingress and the Gateway API.", HelmCharts.For(traefik, values)));
    }
}
