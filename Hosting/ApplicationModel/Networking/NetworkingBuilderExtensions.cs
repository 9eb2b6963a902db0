using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the CNI and the ingress controller (layer 5).</summary>
public static class NetworkingBuilderExtensions
{
    /// <summary>Adds Calico through the Tigera operator, with the cluster's pod CIDR as its IP pool.</summary>
    /// <example><code>cluster.AddCalico();</code></example>
    public static IResourceBuilder<CniResource> AddCalico(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "calico")
        => cluster.AddAddOn(new CniResource(name, CniPlugin.Calico, cluster.Resource))
            .WithAnnotation(CalicoVersions.Chart.ToAnnotation(name, "tigera-operator"));

    /// <summary>Adds Flannel instead of Calico. Flannel does not enforce NetworkPolicies.</summary>
    /// <example><code>cluster.AddFlannel();</code></example>
    public static IResourceBuilder<CniResource> AddFlannel(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "flannel")
        => cluster.AddAddOn(new CniResource(name, CniPlugin.Flannel, cluster.Resource))
            .WithAnnotation(FlannelVersions.Chart.ToAnnotation(name, "kube-flannel"));

    /// <summary>
    /// Adds Traefik, the default ingress controller, on NodePorts 30080/30443 fronted by the load balancers on 80/443,
    /// serving Ingress objects (class <c>traefik</c>, the default) and the Gateway API (with its CRDs and a Gateway).
    /// </summary>
    /// <example><code>cluster.AddTraefik();</code></example>
    public static IResourceBuilder<TraefikResource> AddTraefik(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "traefik")
        => cluster.AddAddOn(new TraefikResource(name, cluster.Resource))
            .WithAnnotation(TraefikVersions.Chart.ToAnnotation(name, TraefikVersions.Namespace));

    /// <summary>Adds the NGINX ingress controller at its final release instead of Traefik; it was retired in March 2026.</summary>
    /// <example><code>cluster.AddIngressNginx();   // warns at build time</code></example>
    [Obsolete(IngressNginxVersions.RetiredWarning)]
    public static IResourceBuilder<IngressNginxResource> AddIngressNginx(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "ingress-nginx")
        => cluster.AddAddOn(new IngressNginxResource(name, cluster.Resource))
            .WithAnnotation(IngressNginxVersions.Chart.ToAnnotation(name, "ingress-nginx"));

    /// <summary>Sets the ingress controller's NodePorts and replica count (replaces).</summary>
    /// <example><code>ingress.WithNodePorts(http: 31080, https: 31443);</code></example>
    public static IResourceBuilder<T> WithNodePorts<T>(this IResourceBuilder<T> ingress, int http, int https, int replicas = 2) where T : IngressControllerResource
        => ingress.WithAnnotation(new IngressControllerAnnotation { HttpNodePort = http, HttpsNodePort = https, Replicas = replicas }, ResourceAnnotationMutationBehavior.Replace);
}
