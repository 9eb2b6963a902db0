using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Inventory;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Testing;

namespace Platform.Deployer.Tests.Operations;

/// <summary>The Kubernetes side of a removal, planned against a connection that answers as kubectl would (no Kubernetes API can run here).</summary>
public sealed class RemoveFromClusterPhaseTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Plan_ReadyWorker_CordonDrainWithTimeoutThenDeleteNode_FromTheFirstControlPlane()
    {
        var (context, ssh) = Context(nodeReady: "True");
        var phase = new RemoveFromClusterPhase([context.Hosts.Single(h => h.Name == "worker-2").Machine], new RecordingMembership());
        var host = Assert.Single(phase.SelectHosts(context));
        var step = new HostStep(context, phase, host);

        await phase.RunAsync(step, CancellationToken.None);

        Assert.Equal("cp-1", host.Name);
        Assert.Equal(["cordon and drain worker-2 (at most 5 min)", "delete Node worker-2"], step.Changes.Select(c => c.Description));
        Assert.Equal(["kubectl --kubeconfig=/etc/kubernetes/admin.conf get node 'worker-2' -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'"], ssh["cp-1"].Commands);
        Assert.Equal("kubectl --kubeconfig=/etc/kubernetes/admin.conf drain 'worker-2' --ignore-daemonsets --delete-emptydir-data --timeout=300s", RemoveFromClusterPhase.DrainCommand("worker-2"));
    }

    [Fact]
    public async Task Plan_LeavingFirstControlPlane_ActsFromTheNextAndRemovesItsEtcdMemberAfterTheNode()
    {
        var (context, ssh) = Context(nodeReady: "True");
        var etcd = new RecordingMembership();
        var phase = new RemoveFromClusterPhase([context.Hosts.FirstControlPlane.Machine], etcd);
        var host = Assert.Single(phase.SelectHosts(context));
        var step = new HostStep(context, phase, host);

        await phase.RunAsync(step, CancellationToken.None);

        Assert.Equal("cp-2", host.Name);
        Assert.Equal(["cordon and drain cp-1 (at most 5 min)", "delete Node cp-1", "remove cp-1's etcd member"], step.Changes.Select(c => c.Description));
        Assert.Equal(["check cp-1"], etcd.Calls); // the quorum check runs first, in plans too; the removal is only planned
    }

    [Fact]
    public async Task Run_NoCluster_OrKubernetesSkipped_NoKubectlAndSaysWhy()
    {
        var (context, ssh) = Context(nodeReady: null);
        var worker = context.Hosts.Single(h => h.Name == "worker-2").Machine;
        var noCluster = new HostStep(context, new RemoveFromClusterPhase([worker], new RecordingMembership()), context.Hosts.FirstControlPlane);
        var skipped = new HostStep(context, new RemoveFromClusterPhase([worker], new RecordingMembership(), kubernetes: false), context.Hosts.FirstControlPlane);

        await noCluster.Phase.RunAsync(noCluster, CancellationToken.None);
        await skipped.Phase.RunAsync(skipped, CancellationToken.None);

        Assert.Empty(ssh["cp-1"].Commands);
        Assert.Empty(noCluster.Changes.Concat(skipped.Changes));
        Assert.Equal("no Kubernetes cluster here (/etc/kubernetes/admin.conf is missing): no Node to cordon, drain or delete.", Assert.Single(noCluster.Warnings));
        Assert.Equal("Kubernetes phases are skipped (Deploy:Skip): no Node to cordon, drain or delete.", Assert.Single(skipped.Warnings));
    }

    [Fact]
    public async Task Plan_NotANodeAnyMore_NothingToDrain()
    {
        var (context, ssh) = Context(nodeReady: "NotFound");
        var phase = new RemoveFromClusterPhase([context.Hosts.Single(h => h.Name == "worker-1").Machine], new RecordingMembership());
        var step = new HostStep(context, phase, context.Hosts.FirstControlPlane);

        await phase.RunAsync(step, CancellationToken.None);

        Assert.Empty(step.Changes);
        Assert.Equal("worker-1 is not a Node of the cluster (any more); nothing to drain.", Assert.Single(step.Warnings));
    }

    /// <summary>A dry-run context whose control planes answer kubectl's Ready query with <paramref name="nodeReady"/> ("NotFound": the Node does not exist; null: no cluster at all).</summary>
    private (DeploymentContext Context, Dictionary<string, KubectlConnection> Ssh) Context(string? nodeReady)
    {
        var model = DeployerTestModels.Lab().BuildModel();
        var topology = model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var options = new DeploymentOptions { DryRun = true, KnownHosts = new KnownHostsFile(_dir.Combine("known_hosts")) };
        var context = new DeploymentContext(model, inventory, new StateFolder(_dir.Combine("state")), options, new DeploymentObserver());
        var connections = new Dictionary<string, KubectlConnection>();
        foreach (var host in context.Hosts.ControlPlanes)
        {
            host.Connection = connections[host.Name] = new KubectlConnection(host.Name, nodeReady);
            if (nodeReady is not null)
            {
                host.Facts.ExistingPaths[KubernetesPaths.AdminKubeconfig] = true;
            }
        }

        return (context, connections);
    }

    /// <summary>Answers <c>kubectl get node</c> as a cluster would; records every command.</summary>
    private sealed class KubectlConnection(string hostName, string? ready) : ISshConnection
    {
        public List<string> Commands { get; } = [];

        public string HostName => hostName;

        public Task<CommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            Commands.Add(command);
            return Task.FromResult(ready == "NotFound"
                ? new CommandResult(hostName, command, 1, "", "Error from server (NotFound): nodes not found")
                : new CommandResult(hostName, command, 0, ready ?? "", ""));
        }

        public Task<CommandResult> RunWithInputAsync(string command, byte[] input, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
            => RunAsync(command, timeout, cancellationToken);

        public Task WriteFilesAsync(IReadOnlyList<RemoteFile> files, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Records membership calls; a removal is one change, as the real one makes it.</summary>
    private sealed class RecordingMembership : IEtcdMembership
    {
        public List<string> Calls { get; } = [];

        public Task CheckRemovalAsync(HostStep step, IReadOnlyList<Machine> leaving, CancellationToken cancellationToken)
        {
            Calls.Add($"check {string.Join(",", leaving.Select(m => m.Name))}");
            return Task.CompletedTask;
        }

        public Task RemoveMemberAsync(HostStep step, Machine leaving, CancellationToken cancellationToken)
            => step.ChangeAsync($"remove {leaving.Name}'s etcd member", _ =>
            {
                Calls.Add($"remove {leaving.Name}");
                return Task.CompletedTask;
            }, cancellationToken);
    }
}
