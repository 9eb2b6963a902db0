using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>One resource as the dashboard shows it; immutable, replaced on every change.</summary>
/// <param name="Name">The model resource name (or a machine name).</param>
/// <param name="Type">The resource type without the <c>Resource</c> suffix (<c>NodePool</c>, <c>Machine</c>).</param>
/// <param name="Layer">The platform layer.</param>
/// <param name="State">The live state.</param>
/// <param name="Detail">One line about the state: what it waits for, or why it failed.</param>
/// <param name="Endpoints">Links to the resource.</param>
/// <param name="Updated">When the state last changed.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    PlatformLayer Layer,
    ResourceState State,
    string Detail,
    IReadOnlyList<ResourceEndpoint> Endpoints,
    DateTimeOffset Updated);
