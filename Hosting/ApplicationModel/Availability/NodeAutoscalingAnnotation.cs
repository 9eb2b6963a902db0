namespace Aspire.Hosting.ApplicationModel;

/// <summary>How far the Cluster Autoscaler may scale a pool, and which provider creates VMs.</summary>
public sealed record NodeAutoscalingAnnotation : IResourceAnnotation
{
    /// <summary>The smallest pool size.</summary>
    public required int Min { get; init; }

    /// <summary>The largest pool size.</summary>
    public required int Max { get; init; }

    /// <summary>
    /// The Cluster Autoscaler cloud provider. Plain VMs have no cloud API, so the default is
    /// <c>externalgrpc</c>: a small gRPC service for your hypervisor creates and deletes VMs.
    /// </summary>
    public string CloudProvider { get; init; } = "externalgrpc";

    /// <summary>For externalgrpc: the provider's address (host:port).</summary>
    public string? ProviderAddress { get; init; }
}
