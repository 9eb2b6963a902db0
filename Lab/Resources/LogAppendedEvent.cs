namespace Platform.Lab.Resources;

/// <summary>A log line was appended to a resource's log.</summary>
/// <param name="Resource">The resource name.</param>
/// <param name="Line">The line.</param>
public sealed record LogAppendedEvent(string Resource, string Line) : LabEvent;
