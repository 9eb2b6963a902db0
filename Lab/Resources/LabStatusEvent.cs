namespace Platform.Lab.Resources;

/// <summary>The lab's overall status changed.</summary>
/// <param name="Lab">The new status.</param>
public sealed record LabStatusEvent(LabStatus Lab) : LabEvent;
