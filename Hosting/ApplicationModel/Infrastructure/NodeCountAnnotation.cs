namespace Aspire.Hosting.ApplicationModel;

/// <summary>How many machines a pool has.</summary>
public sealed record NodeCountAnnotation : IResourceAnnotation
{
    /// <summary>The machine count.</summary>
    public required int Count { get; init; }
}
