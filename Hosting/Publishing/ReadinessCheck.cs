namespace Platform.Hosting.Publishing;

/// <summary>Something to wait for once cluster objects are applied.</summary>
/// <param name="Kind">The object kind (Job, Deployment, CustomResourceDefinition, Elasticsearch...).</param>
/// <param name="Namespace">Its namespace, or null when cluster-scoped.</param>
/// <param name="Name">Its name.</param>
/// <param name="Condition">What ready means: Complete, Available, Established, or health=green.</param>
/// <param name="Component">The artifact component it belongs to (the resource whose state it decides).</param>
public sealed record ReadinessCheck(string Kind, string? Namespace, string Name, string Condition, string Component)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name} {Condition}";
}
