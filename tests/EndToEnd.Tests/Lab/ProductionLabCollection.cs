namespace Platform.EndToEnd.Tests.Lab;

/// <summary>
/// Labs of the production model use its address ranges (10.20.x): two at once would collide, so the classes
/// that start one run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProductionLabCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "production-model lab";
}
