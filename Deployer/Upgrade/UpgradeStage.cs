namespace Platform.Deployer.Upgrade;

/// <summary>One stage of an upgrade: hosts upgraded together (one host, or a bounded batch of workers) and the steps each goes through.</summary>
/// <param name="Name">What the stage is ("first control plane", "workers, batch 2 of 3").</param>
/// <param name="Hosts">The hosts upgraded together.</param>
/// <param name="Steps">The steps, in order, for each of them.</param>
public sealed record UpgradeStage(string Name, IReadOnlyList<string> Hosts, IReadOnlyList<string> Steps);
