namespace Aspire.Hosting.ApplicationModel;

/// <summary>The size of each machine in a pool.</summary>
public sealed record MachineSizeAnnotation : IResourceAnnotation
{
    /// <summary>The size.</summary>
    public required MachineSize Size { get; init; }
}
