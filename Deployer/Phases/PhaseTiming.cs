namespace Platform.Deployer.Phases;

/// <summary>How long a phase took and what it did.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="Title">The phase title.</param>
/// <param name="Duration">Wall time.</param>
/// <param name="Hosts">Hosts it ran on.</param>
/// <param name="Changes">Changes planned or made.</param>
/// <param name="Failures">Hosts that failed.</param>
/// <param name="Resumed">Hosts skipped because an earlier apply finished them.</param>
public sealed record PhaseTiming(string Phase, string Title, TimeSpan Duration, int Hosts, int Changes, int Failures, int Resumed);
