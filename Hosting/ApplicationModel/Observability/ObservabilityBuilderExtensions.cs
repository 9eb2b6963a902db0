using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds monitoring (Prometheus, Grafana) and logging (Elasticsearch, Kibana, Fluent Bit) (layer 8).</summary>
public static class ObservabilityBuilderExtensions
{
    /// <summary>Adds Prometheus and Alertmanager (kube-prometheus-stack) with Platform's alert rules; it scrapes node_exporter on every machine, etcd and HAProxy.</summary>
    /// <example><code>cluster.AddPrometheus().AddGrafana();</code></example>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "prometheus")
        => cluster.AddAddOn(new PrometheusResource(name, cluster.Resource))
            .WithAnnotation(PrometheusStackVersions.Chart.ToAnnotation("kube-prometheus-stack", PrometheusResource.Namespace));

    /// <summary>Sets retention and volume size (replaces).</summary>
    /// <example><code>prometheus.WithRetention(TimeSpan.FromDays(30), volumeSizeGiB: 100);</code></example>
    public static IResourceBuilder<PrometheusResource> WithRetention(this IResourceBuilder<PrometheusResource> prometheus, TimeSpan retention, int volumeSizeGiB)
        => prometheus.WithAnnotation(new MetricsRetentionAnnotation { Retention = retention, VolumeSizeGiB = volumeSizeGiB }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Adds Grafana with dashboards for nodes, control plane, etcd and ingress.</summary>
    /// <example><code>prometheus.AddGrafana();</code></example>
    public static IResourceBuilder<GrafanaResource> AddGrafana(this IResourceBuilder<PrometheusResource> prometheus, string name = "grafana")
        => prometheus.ApplicationBuilder.AddPlatformResource(new GrafanaResource(name, prometheus.Resource));

    /// <summary>Adds Elasticsearch through the ECK operator.</summary>
    /// <example><code>var logs = cluster.AddElasticsearch();</code></example>
    public static IResourceBuilder<ElasticsearchResource> AddElasticsearch(this IResourceBuilder<KubernetesClusterResource> cluster, string name = "elasticsearch")
        => cluster.AddAddOn(new ElasticsearchResource(name, cluster.Resource))
            .WithAnnotation(ElasticVersions.OperatorChart.ToAnnotation("eck-operator", "elastic-system"));

    /// <summary>Sets the node count and volume size (replaces).</summary>
    /// <example><code>logs.WithNodes(3, volumeSizeGiB: 200);</code></example>
    public static IResourceBuilder<ElasticsearchResource> WithNodes(this IResourceBuilder<ElasticsearchResource> elasticsearch, int nodes, int volumeSizeGiB)
        => elasticsearch.WithAnnotation(new ElasticsearchTopologyAnnotation { Nodes = nodes, VolumeSizeGiB = volumeSizeGiB }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Adds Kibana on top of Elasticsearch.</summary>
    /// <example><code>logs.AddKibana();</code></example>
    public static IResourceBuilder<KibanaResource> AddKibana(this IResourceBuilder<ElasticsearchResource> elasticsearch, string name = "kibana")
        => elasticsearch.ApplicationBuilder.AddPlatformResource(new KibanaResource(name, elasticsearch.Resource));

    /// <summary>Adds Fluent Bit on every node shipping container, journal and audit logs to Elasticsearch.</summary>
    /// <example><code>logs.AddFluentBit();</code></example>
    public static IResourceBuilder<FluentBitResource> AddFluentBit(this IResourceBuilder<ElasticsearchResource> elasticsearch, string name = "fluent-bit")
        => elasticsearch.ApplicationBuilder.AddPlatformResource(new FluentBitResource(name, elasticsearch.Resource))
            .WithAnnotation(FluentBitVersions.Chart.ToAnnotation(name, ElasticsearchResource.Namespace));
}
