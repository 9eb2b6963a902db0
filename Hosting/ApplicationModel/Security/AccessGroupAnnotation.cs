namespace Aspire.Hosting.ApplicationModel;

/// <summary>Binds an identity-provider group to an access level.</summary>
public sealed record AccessGroupAnnotation : IResourceAnnotation
{
    /// <summary>The group name as the OIDC groups claim carries it.</summary>
    public required string Group { get; init; }

    /// <summary>The access level.</summary>
    public required AccessLevel Level { get; init; }

    /// <summary>For developers: the namespaces they work in (required: a developer is never bound cluster-wide).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];
}
