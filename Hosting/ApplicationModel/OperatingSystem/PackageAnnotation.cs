namespace Aspire.Hosting.ApplicationModel;

/// <summary>An extra OS package installed on every machine.</summary>
public sealed record PackageAnnotation : IResourceAnnotation
{
    /// <summary>The package name.</summary>
    public required string Name { get; init; }
}
