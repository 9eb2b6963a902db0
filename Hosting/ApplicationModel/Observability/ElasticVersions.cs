namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Elastic releases: the ECK operator chart and the stack version it runs.</summary>
public static class ElasticVersions
{
    /// <summary>The ECK operator chart.</summary>
    public static ChartVersion OperatorChart { get; } = new("https://helm.elastic.co", "eck-operator", "2.13.0");

    /// <summary>The Elasticsearch and Kibana version.</summary>
    public const string StackVersion = "8.14.3";
}
