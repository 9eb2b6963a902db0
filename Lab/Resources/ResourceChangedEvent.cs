namespace Platform.Lab.Resources;

/// <summary>A resource's state, detail or endpoints changed.</summary>
/// <param name="Resource">The new snapshot.</param>
public sealed record ResourceChangedEvent(ResourceSnapshot Resource) : LabEvent;
