namespace Platform.Hosting.Publishing.Models.Elastic;

/// <summary>The Kibana version, size and the Elasticsearch it reads.</summary>
public sealed class KibanaSpec
{
    /// <summary>The stack version.</summary>
    public string Version { get; set; } = "";

    /// <summary>Replicas.</summary>
    public int Count { get; set; } = 1;

    /// <summary>The Elasticsearch object.</summary>
    public Dictionary<string, string> ElasticsearchRef { get; set; } = [];
}
