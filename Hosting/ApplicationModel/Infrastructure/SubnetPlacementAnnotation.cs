namespace Aspire.Hosting.ApplicationModel;

/// <summary>The subnet a pool's machines are placed in.</summary>
public sealed record SubnetPlacementAnnotation : IResourceAnnotation
{
    /// <summary>The subnet.</summary>
    public required SubnetResource Subnet { get; init; }
}
