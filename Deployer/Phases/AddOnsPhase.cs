using k8s;
using k8s.Models;
using Platform.Deployer.Hosts;
using Platform.Deployer.Pki;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;

namespace Platform.Deployer.Phases;

/// <summary>
/// The add-ons: secrets the charts reference (generated, never in chart values), then every other cluster
/// object and HelmChart in order; kubelet serving certificates are approved for known nodes and their own addresses only.
/// </summary>
public sealed class AddOnsPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "addons";

    /// <inheritdoc />
    public override string Title => "Add-ons through the Helm controller";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => [context.Hosts.FirstControlPlane];

    /// <summary>Every applicable cluster artifact not applied by the CNI phase, in apply order.</summary>
    public static IReadOnlyList<Artifact> Artifacts(DeploymentContext context)
    {
        var cni = CniPhase.Artifacts(context).Select(a => a.Path).ToHashSet();
        return ClusterManifests.InApplyOrder(context.Artifacts.Where(a => !cni.Contains(a.Path)));
    }

    /// <inheritdoc />
    protected override IEnumerable<DesiredFile> DesiredFiles(HostStep step)
        => Artifacts(step.Context).Select(a => DesiredFile.Text(ClusterObjects.PlacedPath(a), a.Content, "0600", a.Component));

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        foreach (var secret in Secrets(step.Context))
        {
            await ClusterObjects.ApplyFromInputAsync(step, secret, cancellationToken).ConfigureAwait(false);
        }

        await ClusterObjects.ApplyAsync(step, Artifacts(step.Context), cancellationToken).ConfigureAwait(false);
        if (step.Facts.ExistingPaths.ContainsKey(HostMarkers.AdminKubeconfig))
        {
            await ApproveKubeletCertificatesAsync(step, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Secrets referenced by chart values, applied from standard input on the first control plane (never published or placed).</summary>
    private static IEnumerable<Artifact> Secrets(DeploymentContext context)
    {
        if (context.Model.Find<GrafanaResource>() is not null)
        {
            yield return PrometheusRenderer.GrafanaAdminSecretArtifact(context.Secrets.GrafanaAdminPassword);
        }
    }

    /// <summary>Approves the pending kubelet serving CSRs that <see cref="KubeletServingCsrPolicy"/> allows; warns about the others.</summary>
    private static async Task ApproveKubeletCertificatesAsync(HostStep step, CancellationToken cancellationToken)
    {
        var list = (await step.QueryAsync($"{AdminKubectl.Command} get csr -o json", cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var policy = new KubeletServingCsrPolicy(step.Context.Hosts.KubernetesNodes.Select(h => h.Machine));
        var decisions = (KubernetesJson.Deserialize<V1CertificateSigningRequestList>(list.Output).Items ?? []).Select(policy.Decide).ToList();
        foreach (var refused in decisions.Where(d => d.Verdict == CsrVerdict.Refuse))
        {
            step.Warn(refused.Reason);
        }

        var approve = decisions.Where(d => d.Verdict == CsrVerdict.Approve).Select(d => d.Name).ToList();
        if (approve.Count > 0)
        {
            await step.ChangeAsync($"approve kubelet serving certificates of {approve.Count} node(s), each for its own name and address (metrics-server verifies them)", ct => step.RunAsync(
                $"{AdminKubectl.Command} certificate approve {Shell.Join(approve)}", ct), cancellationToken).ConfigureAwait(false);
        }
    }
}
