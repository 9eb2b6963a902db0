using k8s.Models;

namespace Platform.Hosting.Publishing.Models.Elastic;

/// <summary>A set of Elasticsearch nodes with their volume claim.</summary>
public sealed class ElasticsearchNodeSet
{
    /// <summary>The set name.</summary>
    public string Name { get; set; } = "default";

    /// <summary>Node count.</summary>
    public int Count { get; set; }

    /// <summary>elasticsearch.yml settings.</summary>
    public Dictionary<string, object>? Config { get; set; }

    /// <summary>Volume claims (the data volume is "elasticsearch-data").</summary>
    public List<V1PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }
}
