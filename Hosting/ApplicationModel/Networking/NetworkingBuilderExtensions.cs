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

    /// <summary>Adds the NGINX ingress controller on NodePorts 30080/30443, fronted by the load balancers on 80/443.</summary>
    /// <example><code>cluster.AddIngressNginx();</code></example>
    public static IResourceBuilder<IngressNginxResource> AddIngressNginx(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "ingress-nginx")
        => cluster.AddAddOn(new IngressNginxResource(name, cluster.Resource))
            .WithAnnotation(IngressNginxVersions.Chart.ToAnnotation(name, "ingress-nginx"));

    /// <summary>Sets the NodePorts and replica count (replaces).</summary>
    /// <example><code>ingress.WithNodePorts(http: 31080, https: 31443);</code></example>
    public static IResourceBuilder<IngressNginxResource> WithNodePorts(this IResourceBuilder<IngressNginxResource> ingress, int http, int https, int replicas = 2)
        => ingress.WithAnnotation(new IngressControllerAnnotation { HttpNodePort = http, HttpsNodePort = https, Replicas = replicas }, ResourceAnnotationMutationBehavior.Replace);
}
