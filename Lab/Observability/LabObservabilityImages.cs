using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Observability;

/// <summary>
/// The pinned images of the lab's Grafana, Elasticsearch, Kibana and Fluent Bit: the versions production's charts
/// run. No Debian package serves them, so they come from their registries on a user's machine; the lab never pulls.
/// </summary>
public static class LabObservabilityImages
{
    /// <summary>Grafana as kube-prometheus-stack 61.3.2 ships it.</summary>
    public const string Grafana = "docker.io/grafana/grafana:11.1.0";

    /// <summary>Fluent Bit as its chart 0.47.5 ships it.</summary>
    public const string FluentBit = "cr.fluentbit.io/fluent/fluent-bit:3.1.4";

    /// <summary>Elasticsearch at the stack version ECK runs in production.</summary>
    public const string Elasticsearch = "docker.elastic.co/elasticsearch/elasticsearch:" + ElasticVersions.StackVersion;

    /// <summary>Kibana at the same version.</summary>
    public const string Kibana = "docker.elastic.co/kibana/kibana:" + ElasticVersions.StackVersion;
}
