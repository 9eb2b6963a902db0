using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Upgrade;

/// <summary>
/// Before anything is drained: the release the cluster runs (kubeadm's package on the first control plane) against the
/// one the model pins, one minor version at a time, and the API server's record of deprecated APIs the target removes.
/// </summary>
/// <param name="to">The release the model pins.</param>
public sealed class UpgradeCheckPhase(KubernetesVersion to) : Phase
{
    /// <inheritdoc />
    public override string Name => "upgrade-check";

    /// <inheritdoc />
    public override string Title => $"Check the upgrade to {to}";

    /// <summary>The release the cluster runs, once checked.</summary>
    public KubernetesVersion? From { get; private set; }

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => [context.Hosts.FirstControlPlane];

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => $"{Name} {to}";

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        From = KubernetesVersion.TryParse(step.Facts.Packages.GetValueOrDefault("kubeadm"))
            ?? throw new UpgradeException($"{step.Host.Name} has no kubeadm package: Kubernetes is not deployed here. Run aspire deploy first.");
        if (!UpgradePlanner.Check(From.Value, to))
        {
            step.Warn($"the cluster runs {to} already: nothing to upgrade.");
            return;
        }

        var metrics = (await step.QueryAsync(DeprecatedApis.Command, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        DeprecatedApis.Check(metrics.Output, to);
    }
}
