using System.Security.Cryptography;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Phases;

/// <summary>
/// After control planes join or leave: each API server, and kubeadm's stored ClusterConfiguration, name the etcd members
/// as they are now. kubeadm writes both only at init and join, so an API server would keep a removed member and never
/// learn of a new one, and <c>kubeadm upgrade</c> would bring the old list back. Runs before the joins, so a joining
/// control plane reads the new list; one control plane at a time: the kubelet restarts its API server from the changed
/// manifest, and the next waits until the new one is ready.
/// </summary>
public sealed class ApiServerEtcdPhase : Phase
{
    /// <summary>Where kubeadm keeps the API server's static Pod.</summary>
    public const string Manifest = KubernetesPaths.ManifestsDirectory + "/kube-apiserver.yaml";

    // Outside the manifests folder: the kubelet would read a temporary file there as a second Pod (kubeadm uses it too).
    private const string Staged = "/etc/kubernetes/tmp/kube-apiserver.yaml.platform";

    private const string Kubectl = AdminKubectl.Command;

    /// <inheritdoc />
    public override string Name => "api-server-etcd";

    /// <inheritdoc />
    public override string Title => "API servers: the etcd members as they are now";

    /// <inheritdoc />
    public override int? MaxParallelism => 1;

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Name}\n{string.Join(',', step.Context.RenderContext.EtcdClientUrls)}")));

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        if (!step.Facts.ExistingPaths.ContainsKey(HostMarkers.KubeletKubeconfig))
        {
            return; // not a member yet: it joins with the stored list, which the first control plane has set by then
        }

        var servers = step.Context.RenderContext.EtcdClientUrls;
        if (step.Host == step.Context.Hosts.FirstControlPlane)
        {
            await StoredConfigurationAsync(step, servers, cancellationToken).ConfigureAwait(false);
        }

        var manifest = (await step.QueryAsync($"cat {Manifest}", cancellationToken).ConfigureAwait(false)).EnsureSuccess().Output;
        if (ApiServerEtcdServers.InManifest(manifest) == string.Join(',', servers))
        {
            return;
        }

        var changed = ApiServerEtcdServers.InManifest(manifest, servers);
        await step.ChangeAsync($"--etcd-servers of {step.Host.Name}'s API server: {string.Join(',', servers)}; wait until the kubelet's new API server is ready", async ct =>
        {
            await step.Host.Ssh.WriteFilesAsync([new RemoteFile(Staged, Encoding.UTF8.GetBytes(changed), "0600")], ct).ConfigureAwait(false);
            await step.RunAsync(KubeApiServer.ReplacedAndReadyCommand($"mv -f {Staged} {Manifest}"), ct, KubeApiServer.Timeout).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the endpoints in the kubeadm-config ConfigMap (through the first control plane's admin kubeconfig) when they differ.</summary>
    private static async Task StoredConfigurationAsync(HostStep step, IReadOnlyList<string> servers, CancellationToken cancellationToken)
    {
        var current = (await step.QueryAsync($"{Kubectl} -n kube-system get configmap kubeadm-config -o json", cancellationToken, TimeSpan.FromMinutes(1)).ConfigureAwait(false)).EnsureSuccess().Output;
        if (ApiServerEtcdServers.InConfigMap(current, servers) is not { } updated)
        {
            return;
        }

        await step.ChangeAsync($"kubeadm-config ConfigMap: etcd.external.endpoints {string.Join(',', servers)} (what kubeadm upgrade and joins read)",
            async ct => (await step.RunWithInputAsync($"{Kubectl} replace -f -", updated, ct, TimeSpan.FromMinutes(1)).ConfigureAwait(false)).EnsureSuccess(), cancellationToken).ConfigureAwait(false);
    }
}
