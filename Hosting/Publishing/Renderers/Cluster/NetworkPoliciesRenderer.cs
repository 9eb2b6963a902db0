using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 7: in each workload namespace, deny everything by default, then allow DNS out, traffic from the
/// ingress controller in, scraping from monitoring, and traffic between the namespace's own pods.
/// </summary>
public sealed class NetworkPoliciesRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<NetworkPolicyResource>() is not { } policies)
        {
            yield break;
        }

        var ingressNamespace = context.Model.Find<IngressNginxResource>()?.Chart?.Namespace;
        foreach (var ns in policies.Namespaces)
        {
            var objects = new List<object> { HelmCharts.Namespace(ns) };
            objects.AddRange(NetworkPolicyObjects.Baseline(ns));
            if (ingressNamespace is not null)
            {
                objects.Add(NetworkPolicyObjects.AllowFromNamespaces(ns, "allow-from-ingress", [ingressNamespace]));
            }

            if (context.Model.Find<PrometheusResource>() is not null)
            {
                objects.Add(NetworkPolicyObjects.AllowFromNamespaces(ns, "allow-from-monitoring", [PrometheusResource.Namespace]));
            }

            yield return Artifact.ForCluster(PlatformLayer.Security, Components.NetworkPolicies, $"security/network-policies/{ns}.yaml",
                HelmCharts.Yaml($"Namespace {ns}: default deny; DNS, same-namespace, ingress and monitoring traffic allowed.", [.. objects]));
        }
    }
}
