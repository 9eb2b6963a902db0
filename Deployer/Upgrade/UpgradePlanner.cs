namespace Platform.Deployer.Upgrade;

/// <summary>
/// kubeadm's upgrade order as a plan: one minor version at a time; <c>kubeadm upgrade apply</c> on the first control plane,
/// <c>kubeadm upgrade node</c> on the other control planes one at a time, then the workers in batches of at most
/// <see cref="MaxBatch"/>; every node drained first, then its kubeadm, kubelet and kubectl packages, uncordoned, and
/// Ready again before the next stage. A check for deprecated APIs that the target removes runs before anything.
/// </summary>
public static class UpgradePlanner
{
    /// <summary>The most workers drained at once, whatever the pool's size: capacity leaves in bounded steps.</summary>
    public const int MaxBatch = 10;

    /// <summary>The workers of one batch: a tenth of the pool, at least 1 and at most <see cref="MaxBatch"/>.</summary>
    public static int BatchSize(int workers) => Math.Clamp(workers / 10, 1, MaxBatch);

    /// <summary>The plan from <paramref name="from"/> to <paramref name="to"/>; null when both are the same release.</summary>
    /// <exception cref="UpgradeException">A downgrade, or a minor version skipped.</exception>
    public static UpgradePlan? Plan(KubernetesVersion from, KubernetesVersion to, IReadOnlyList<string> controlPlanes, IReadOnlyList<string> workers, int? batchSize = null)
        => Check(from, to) ? new UpgradePlan(from, to, Stages(to, controlPlanes, workers, batchSize)) : null;

    /// <summary>True when <paramref name="from"/> must be upgraded to <paramref name="to"/>, false when it runs it already.</summary>
    /// <exception cref="UpgradeException">A downgrade, or a minor version skipped.</exception>
    public static bool Check(KubernetesVersion from, KubernetesVersion to)
    {
        if (from == to)
        {
            return false;
        }

        if (to < from)
        {
            throw new UpgradeException($"The model pins Kubernetes {to}, older than the {from} the cluster runs: kubeadm does not downgrade. Set the cluster to {from} or a later pinned release ({string.Join(", ", Aspire.Hosting.ApplicationModel.KubernetesVersions.Supported)}).");
        }

        if (to.Major == from.Major && to.Minor <= from.Minor + 1)
        {
            return true;
        }

        var next = $"{from.Major}.{from.Minor + 1}";
        var pinned = Aspire.Hosting.ApplicationModel.KubernetesVersions.Supported.FirstOrDefault(v => v.StartsWith(next + ".", StringComparison.Ordinal));
        var step = pinned is null ? $"Pin a {next} release in KubernetesVersions.Releases" : $"Set the cluster to {pinned} first (WithKubernetesVersion(\"{pinned}\"))";
        throw new UpgradeException($"{from} → {to} skips {string.Join(", ", Enumerable.Range(from.Minor + 1, Math.Max(1, to.Minor - from.Minor - 1)).Select(m => $"{from.Major}.{m}"))}: kubeadm upgrades one minor version at a time. {step}, run aspire do upgrade, then the next minor.");
    }

    /// <summary>The stages, whatever the versions: the check, the first control plane, each other one, then the workers in batches.</summary>
    public static IReadOnlyList<UpgradeStage> Stages(KubernetesVersion to, IReadOnlyList<string> controlPlanes, IReadOnlyList<string> workers, int? batchSize = null)
    {
        ArgumentNullException.ThrowIfNull(controlPlanes);
        ArgumentNullException.ThrowIfNull(workers);
        if (controlPlanes.Count == 0)
        {
            throw new UpgradeException("The inventory has no control plane to upgrade from.");
        }

        var size = Math.Clamp(batchSize ?? BatchSize(workers.Count), 1, MaxBatch);
        var stages = new List<UpgradeStage>
        {
            new("check", [controlPlanes[0]], [$"deprecated APIs removed in {to.MinorLine} not in use", "one minor version up"]),
            new("first control plane", [controlPlanes[0]], [.. Node(to, $"kubeadm upgrade plan v{to} then kubeadm upgrade apply v{to}")]),
        };
        stages.AddRange(controlPlanes.Skip(1).Select(cp => new UpgradeStage("control plane", [cp], [.. Node(to, "kubeadm upgrade node")])));
        var batches = workers.Chunk(size).ToList();
        stages.AddRange(batches.Select((batch, i) => new UpgradeStage($"workers, batch {i + 1} of {batches.Count}", batch, [.. Node(to, "kubeadm upgrade node")])));
        return stages;
    }

    private static IEnumerable<string> Node(KubernetesVersion to, string kubeadm) =>
    [
        "cordon and drain",
        $"apt source {to.MinorLine}, kubeadm {to}",
        kubeadm,
        $"kubelet and kubectl {to}, kubelet restarted",
        "uncordon",
        "Ready",
    ];
}
