namespace Platform.Lab.Resources;

/// <summary>One cell of the deploy progress grid: a host in a phase.</summary>
/// <param name="Phase">The phase name (<c>prepare</c>, <c>etcd</c>).</param>
/// <param name="Host">The host name, or <c>*</c> for the phase as a whole (skipped phases).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Changes">Changes made so far.</param>
/// <param name="Seconds">Duration once finished.</param>
/// <param name="Error">The error when it failed.</param>
public sealed record DeployProgressEntry(string Phase, string Host, DeployStepStatus Status, int Changes, double? Seconds, string? Error);
