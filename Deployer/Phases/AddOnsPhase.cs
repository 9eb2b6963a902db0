using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;

namespace Platform.Deployer.Phases;

/// <summary>
/// The add-ons: secrets the charts reference (generated, never in chart values), then every other cluster
/// object and HelmChart in order; kubelet serving certificates are approved for known nodes.
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

    private static async Task ApproveKubeletCertificatesAsync(HostStep step, CancellationToken cancellationToken)
    {
        var nodes = step.Context.Hosts.KubernetesNodes.Select(h => $"system:node:{h.Name}").ToHashSet();
        var list = await step.QueryAsync(
            $"kubectl --kubeconfig={KubernetesPaths.AdminKubeconfig} get csr -o jsonpath='{{range .items[?(@.spec.signerName==\"kubernetes.io/kubelet-serving\")]}}{{.metadata.name}} {{.spec.username}} {{.status.certificate}}{{\"\\n\"}}{{end}}'",
            cancellationToken).ConfigureAwait(false);
        var pending = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length == 2 && nodes.Contains(p[1])).Select(p => p[0]).ToList();
        if (pending.Count > 0)
        {
            await step.ChangeAsync($"approve kubelet serving certificates of {pending.Count} node(s) (metrics-server verifies them)", ct => step.RunAsync(
                $"kubectl --kubeconfig={KubernetesPaths.AdminKubeconfig} certificate approve {Shell.Join(pending)}", ct), cancellationToken).ConfigureAwait(false);
        }
    }
}
