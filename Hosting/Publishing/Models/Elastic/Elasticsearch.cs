namespace Platform.Hosting.Publishing.Models.Elastic;

/// <summary>elasticsearch.k8s.elastic.co/v1 Elasticsearch, run by the ECK operator.</summary>
public sealed class Elasticsearch() : CustomResource<ElasticsearchSpec>("elasticsearch.k8s.elastic.co/v1", "Elasticsearch")
{
    /// <summary>The CRD that serves it (installed by the eck-operator chart).</summary>
    public const string CrdName = "elasticsearches.elasticsearch.k8s.elastic.co";
}
