namespace Platform.Deployer.Phases;

/// <summary>One change to a host. Plan lists them; apply makes them and logs the same words.</summary>
/// <param name="Host">The host.</param>
/// <param name="Phase">The phase name.</param>
/// <param name="Description">What changes, in words a person reads ("install packages haproxy keepalived").</param>
public sealed record Change(string Host, string Phase, string Description);
