namespace Platform.Lab.Resources;

/// <summary>A host moved in a Deployer phase.</summary>
/// <param name="Entry">The new cell.</param>
public sealed record DeployProgressEvent(DeployProgressEntry Entry) : LabEvent;
