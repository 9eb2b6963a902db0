namespace Aspire.Hosting.ApplicationModel;

/// <summary>The size of the Elasticsearch cluster.</summary>
public sealed record ElasticsearchTopologyAnnotation : IResourceAnnotation
{
    /// <summary>3 nodes with 100 GiB each.</summary>
    public static ElasticsearchTopologyAnnotation Default { get; } = new() { Nodes = 3, VolumeSizeGiB = 100 };

    /// <summary>Elasticsearch nodes (3 keeps a quorum of master-eligible nodes).</summary>
    public required int Nodes { get; init; }

    /// <summary>The data volume of each node.</summary>
    public required int VolumeSizeGiB { get; init; }
}
