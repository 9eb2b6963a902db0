namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Cluster Autoscaler release (its minor must match Kubernetes).</summary>
public static class ClusterAutoscalerVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://kubernetes.github.io/autoscaler", "cluster-autoscaler", "9.37.0");

    /// <summary>The image tag, on the 1.30 line like the cluster.</summary>
    public const string ImageTag = "v1.30.2";
}
