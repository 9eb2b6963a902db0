using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 9: metrics-server. Kubelets have CA-signed serving certificates (serverTLSBootstrap), so TLS is verified.</summary>
public sealed class MetricsServerRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<MetricsServerResource>() is not { } metrics)
        {
            yield break;
        }

        var values = new { replicas = 2, args = new[] { "--kubelet-preferred-address-types=InternalIP" }, podDisruptionBudget = new { enabled = true, minAvailable = 1 } };
        yield return Artifact.ForCluster(PlatformLayer.Availability, Components.MetricsServer, $"addons/{metrics.Name}.yaml",
            HelmCharts.Yaml("metrics-server: the resource metrics HPAs and kubectl top read.", HelmCharts.For(metrics, values)));
    }
}
