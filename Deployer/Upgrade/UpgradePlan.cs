namespace Platform.Deployer.Upgrade;

/// <summary>An upgrade from one minor line to the next: the deprecated-API check, then the stages in order.</summary>
/// <param name="From">The release the cluster runs.</param>
/// <param name="To">The release the model pins.</param>
/// <param name="Stages">First control plane, the other control planes one at a time, then the workers in bounded batches.</param>
public sealed record UpgradePlan(KubernetesVersion From, KubernetesVersion To, IReadOnlyList<UpgradeStage> Stages)
{
    /// <summary>The plan as lines, stage by stage: what <c>aspire do upgrade</c> prints.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"upgrade Kubernetes {From} → {To}";
        foreach (var (stage, i) in Stages.Select((s, i) => (s, i + 1)))
        {
            yield return $"{i}. {stage.Name}: {string.Join(", ", stage.Hosts)}: {string.Join(" → ", stage.Steps)}";
        }
    }
}
