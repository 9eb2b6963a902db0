using System.Text.Json.Serialization;

namespace Platform.Lab.Resources;

/// <summary>A change pushed to the dashboard; serialized with a <c>type</c> discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ResourceChangedEvent), "resource")]
[JsonDerivedType(typeof(LogAppendedEvent), "log")]
[JsonDerivedType(typeof(DeployProgressEvent), "deploy")]
[JsonDerivedType(typeof(LabStatusEvent), "lab")]
public abstract record LabEvent;
