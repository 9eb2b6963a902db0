using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the kubeadm cluster and sets its version and address ranges (layer 3).</summary>
public static class KubernetesClusterBuilderExtensions
{
    /// <summary>
    /// Adds a kubeadm cluster with containerd, kube-proxy and the Helm controller. Pod CIDR
    /// 192.168.0.0/16 and service CIDR 10.96.0.0/12 unless changed.
    /// </summary>
    /// <example><code>var cluster = builder.AddKubernetesCluster("prod", KubernetesVersions.Default);</code></example>
    public static IResourceBuilder<KubernetesClusterResource> AddKubernetesCluster(this IDistributedApplicationBuilder builder, string name, string version = KubernetesVersions.Default)
    {
        var cluster = builder.AddPlatformResource(new KubernetesClusterResource(name))
            .WithKubernetesVersion(version)
            .WithAnnotation(new ClusterNetworkAnnotation
            {
                PodCidr = Cidr.Parse("192.168.0.0/16", name),
                ServiceCidr = Cidr.Parse("10.96.0.0/12", name),
            });
        builder.AddPlatformResource(new ContainerRuntimeResource("containerd", cluster.Resource));
        builder.AddPlatformResource(new KubeProxyResource("kube-proxy", cluster.Resource));
        builder.AddPlatformResource(new HelmControllerResource("helm-controller", cluster.Resource));
        return cluster;
    }

    /// <summary>Sets the Kubernetes version (replaces). Validation accepts only <see cref="KubernetesVersions.Supported"/>.</summary>
    /// <example><code>cluster.WithKubernetesVersion("1.30.3");</code></example>
    public static IResourceBuilder<KubernetesClusterResource> WithKubernetesVersion(this IResourceBuilder<KubernetesClusterResource> cluster, string version)
        => cluster.WithAnnotation(new KubernetesVersionAnnotation { Version = version.TrimStart('v') }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Sets the pod address range (replaces).</summary>
    /// <example><code>cluster.WithPodCidr("192.168.0.0/16");</code></example>
    public static IResourceBuilder<KubernetesClusterResource> WithPodCidr(this IResourceBuilder<KubernetesClusterResource> cluster, string cidr)
        => cluster.WithAnnotation(cluster.Resource.ClusterNetwork with { PodCidr = Cidr.Parse(cidr, $"{cluster.Resource} pod CIDR") }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Sets the service address range (replaces).</summary>
    /// <example><code>cluster.WithServiceCidr("10.96.0.0/12");</code></example>
    public static IResourceBuilder<KubernetesClusterResource> WithServiceCidr(this IResourceBuilder<KubernetesClusterResource> cluster, string cidr)
        => cluster.WithAnnotation(cluster.Resource.ClusterNetwork with { ServiceCidr = Cidr.Parse(cidr, $"{cluster.Resource} service CIDR") }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Takes kubeadm, kubelet and kubectl from a mirror of pkgs.k8s.io (replaces).</summary>
    /// <example><code>cluster.WithKubernetesPackageMirror("https://mirror.internal/k8s/v1.30/deb/");</code></example>
    public static IResourceBuilder<KubernetesClusterResource> WithKubernetesPackageMirror(this IResourceBuilder<KubernetesClusterResource> cluster, string repository)
        => cluster.WithAnnotation(new KubernetesPackageSourceAnnotation { Repository = repository }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Sets kube-proxy's mode (replaces).</summary>
    /// <example><code>cluster.WithKubeProxyMode(KubeProxyMode.Ipvs);</code></example>
    public static IResourceBuilder<KubernetesClusterResource> WithKubeProxyMode(this IResourceBuilder<KubernetesClusterResource> cluster, KubeProxyMode mode)
    {
        var proxy = cluster.ApplicationBuilder.Resources.OfType<KubeProxyResource>().Single(p => p.Parent == cluster.Resource);
        cluster.ApplicationBuilder.CreateResourceBuilder(proxy).WithAnnotation(new KubeProxyModeAnnotation { Mode = mode }, ResourceAnnotationMutationBehavior.Replace);
        return cluster;
    }

    /// <summary>Adds a child add-on resource of the cluster.</summary>
    internal static IResourceBuilder<T> AddAddOn<T>(this IResourceBuilder<KubernetesClusterResource> cluster, T resource)
        where T : PlatformResource
        => cluster.ApplicationBuilder.AddPlatformResource(resource);
}
