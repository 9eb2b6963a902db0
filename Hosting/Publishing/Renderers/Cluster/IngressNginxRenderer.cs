using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 5: ingress-nginx (retired; only when chosen) on worker NodePorts; the load balancers' HAProxy forwards 80/443 to them.</summary>
public sealed class IngressNginxRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<IngressNginxResource>() is not { } ingress)
        {
            yield break;
        }

        var monitored = context.Model.Find<PrometheusResource>() is not null;
        var values = new
        {
            controller = new
            {
                replicaCount = ingress.Replicas,
                minAvailable = 1,
                ingressClassResource = new { name = ingress.IngressClassName, @default = true },
                service = new { type = "NodePort", nodePorts = new { http = ingress.HttpNodePort, https = ingress.HttpsNodePort } },
                metrics = new { enabled = monitored, serviceMonitor = new { enabled = monitored } },
                config = new Dictionary<string, string> { ["use-forwarded-headers"] = "false", ["enable-real-ip"] = "false" },
            },
        };
        yield return Artifact.ForCluster(PlatformLayer.Networking, Components.IngressNginx, $"addons/{ingress.Name}.yaml",
            HelmCharts.Yaml($"NGINX ingress on NodePorts {ingress.HttpNodePort}/{ingress.HttpsNodePort}, behind the load balancers' 80/443.", HelmCharts.For(ingress, values)));
    }
}
