using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;
using Platform.Hosting.Publishing;
using Platform.Testing;

namespace Platform.Deployer.Tests.Phases;

/// <summary>
/// The API servers' etcd list after control planes join or leave. Kubernetes cannot run here: the edits are checked on
/// the ClusterConfiguration publish renders and on a kube-apiserver manifest of kubeadm's shape, and the phase as a plan.
/// </summary>
public sealed class ApiServerEtcdPhaseTests : IDisposable
{
    private static readonly string[] Old = ["https://10.77.1.11:2379", "https://10.77.1.12:2379", "https://10.77.1.13:2379", "https://10.77.1.14:2379"];
    private static readonly string[] Now = ["https://10.77.1.11:2379", "https://10.77.1.12:2379", "https://10.77.1.13:2379"];
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Manifest_OnlyTheEtcdServersFlagChanges()
    {
        var manifest = Manifest(Old);

        var changed = ApiServerEtcdServers.InManifest(manifest, Now);

        Assert.Equal(string.Join(',', Old), ApiServerEtcdServers.InManifest(manifest));
        Assert.Equal(string.Join(',', Now), ApiServerEtcdServers.InManifest(changed));
        var differing = manifest.Split('\n').Zip(changed.Split('\n')).Where(p => p.First != p.Second).ToList();
        Assert.Equal(("    - --etcd-servers=" + string.Join(',', Old), "    - --etcd-servers=" + string.Join(',', Now)), Assert.Single(differing));
    }

    [Fact]
    public void Manifest_WithoutTheFlag_IsRefusedSayingWhy()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ApiServerEtcdServers.InManifest(Manifest(Old).Replace("    - --etcd-servers=", "    - --etcd-cafile-was=", StringComparison.Ordinal), Now));

        Assert.Contains("no --etcd-servers flag", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigMap_TheClusterConfigurationPublishRenders_EndpointsReplacedEverythingElseKept()
    {
        var rendered = StoredClusterConfiguration();
        var json = ConfigMap(rendered);

        var updated = ApiServerEtcdServers.InConfigMap(json, Old)!;
        var stored = JsonNode.Parse(updated)!["data"]!["ClusterConfiguration"]!.GetValue<string>();

        Assert.Equal(Now, ApiServerEtcdServers.InClusterConfiguration(rendered));
        Assert.Equal(Old, ApiServerEtcdServers.InClusterConfiguration(stored));
        Assert.Equal("\"1234\"", JsonNode.Parse(updated)!["metadata"]!["resourceVersion"]!.ToJsonString()); // replace stays optimistic
        Assert.Equal(Lines(rendered).Where(l => !l.Contains(":2379", StringComparison.Ordinal)), Lines(stored).Where(l => !l.Contains(":2379", StringComparison.Ordinal)));
        Assert.Null(ApiServerEtcdServers.InConfigMap(json, Now)); // already right: nothing to replace
    }

    [Fact]
    public async Task Plan_AMemberLeft_TheStoredConfigurationFirstThenEachJoinedControlPlane_TheOneNotJoinedIsLeftToItsJoin()
    {
        var (context, connections) = RecordedContext.Create(_dir, dryRun: true);
        foreach (var connection in connections.Values)
        {
            connection.Answer = c => c.StartsWith("cat ", StringComparison.Ordinal) ? Manifest(Old) : c.Contains("get configmap kubeadm-config", StringComparison.Ordinal) ? ConfigMap(StoredClusterConfiguration(Old)) : null;
        }

        var phase = new ApiServerEtcdPhase();
        var changes = new List<string>();
        foreach (var host in phase.SelectHosts(context))
        {
            if (host.Name != "cp-3")
            {
                host.Facts.ExistingPaths[HostMarkers.KubeletKubeconfig] = true;
            }

            var step = new HostStep(context, phase, host);
            await phase.RunAsync(step, CancellationToken.None);
            changes.AddRange(step.Changes.Select(c => $"{c.Host}: {c.Description}"));
        }

        var list = string.Join(',', Now);
        Assert.Equal(
        [
            $"cp-1: kubeadm-config ConfigMap: etcd.external.endpoints {list} (what kubeadm upgrade and joins read)",
            $"cp-1: --etcd-servers of cp-1's API server: {list}; wait until the kubelet's new API server is ready",
            $"cp-2: --etcd-servers of cp-2's API server: {list}; wait until the kubelet's new API server is ready",
        ], changes);
        Assert.Equal(1, phase.MaxParallelism);
        Assert.All(connections.Values.SelectMany(c => c.Commands), c => Assert.True(c.StartsWith("cat ", StringComparison.Ordinal) || c.Contains(" get configmap ", StringComparison.Ordinal), c)); // a plan only reads
        Assert.Empty(connections["cp-3"].Commands);
    }

    [Fact]
    public void Fingerprint_FollowsTheMembership()
    {
        var (context, _) = RecordedContext.Create(_dir, dryRun: true);
        var (smaller, _) = RecordedContext.Create(_dir, dryRun: true, controlPlanes: 1);
        var phase = new ApiServerEtcdPhase();

        Assert.NotEqual(phase.Fingerprint(new HostStep(context, phase, context.Hosts.FirstControlPlane)), phase.Fingerprint(new HostStep(smaller, phase, smaller.Hosts.FirstControlPlane)));
        Assert.Equal(phase.Fingerprint(new HostStep(context, phase, context.Hosts.FirstControlPlane)), phase.Fingerprint(new HostStep(context, phase, context.Hosts.ControlPlanes.Last())));
    }

    private static string StoredClusterConfiguration(IReadOnlyList<string>? endpoints = null)
    {
        var model = DeployerTestModels.Lab().BuildModel();
        var kubeadm = ArtifactRenderers.RenderAll(RenderContext.ForPublish(model)).Single(a => a.Target == "cp-1" && a.HostPath == KubernetesPaths.KubeadmConfig).Content;
        var cluster = kubeadm.Split("\n---\n").Single(d => d.Contains("kind: ClusterConfiguration", StringComparison.Ordinal));
        return endpoints is null ? cluster : ApiServerEtcdServers.InClusterConfiguration(cluster, endpoints);
    }

    private static string ConfigMap(string clusterConfiguration) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "kubeadm-config", ["namespace"] = "kube-system", ["resourceVersion"] = "1234" },
        ["data"] = new JsonObject { ["ClusterConfiguration"] = clusterConfiguration },
    }.ToJsonString();

    private static IEnumerable<string> Lines(string yaml) => yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd());

    // The shape kubeadm writes for an API server with external etcd (abridged).
    private static string Manifest(IReadOnlyList<string> servers) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          labels:
            component: kube-apiserver
            tier: control-plane
          name: kube-apiserver
          namespace: kube-system
        spec:
          containers:
          - command:
            - kube-apiserver
            - --advertise-address=10.77.1.11
            - --etcd-cafile=/etc/etcd/pki/ca.crt
            - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
            - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
            - --etcd-servers={string.Join(',', servers)}
            - --secure-port=6443
            image: registry.k8s.io/kube-apiserver:v1.30.3
            name: kube-apiserver
        """;
}
