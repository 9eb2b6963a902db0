namespace Aspire.Hosting.ApplicationModel;

/// <summary>A namespace where application workloads run.</summary>
public sealed record WorkloadNamespaceAnnotation : IResourceAnnotation
{
    /// <summary>The namespace name.</summary>
    public required string Namespace { get; init; }
}
