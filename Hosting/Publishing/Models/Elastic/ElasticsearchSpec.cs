using k8s.Models;

namespace Platform.Hosting.Publishing.Models.Elastic;

/// <summary>The Elasticsearch version and node sets.</summary>
public sealed class ElasticsearchSpec
{
    /// <summary>The stack version.</summary>
    public string Version { get; set; } = "";

    /// <summary>Groups of nodes with the same configuration.</summary>
    public List<ElasticsearchNodeSet> NodeSets { get; set; } = [];
}
