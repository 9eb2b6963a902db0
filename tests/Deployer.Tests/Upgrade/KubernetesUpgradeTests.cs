using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts.Configurers;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Deployer.Tests.Phases;
using Platform.Deployer.Upgrade;
using Platform.Testing;

namespace Platform.Deployer.Tests.Upgrade;

/// <summary>The upgrade's phases, planned: Kubernetes cannot run here, so the order, the batches and each node's steps are checked in dry-run.</summary>
public sealed class KubernetesUpgradeTests : IDisposable
{
    // The model pins the release an upgrade goes to (validation accepts only the pinned one).
    private static readonly KubernetesVersion To = KubernetesVersion.TryParse(KubernetesVersions.Default)!.Value;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Graph_CheckFirstControlPlaneOthersOneAtATimeThenWorkerBatchesInOrder()
    {
        var workers = Enumerable.Range(1, 25).Select(i => $"worker-{i}").ToList();

        var (graph, _) = KubernetesUpgrade.Graph(To, ["cp-1", "cp-2", "cp-3"], workers);

        var phases = graph.Phases.Select(p => p.Phase).ToList();
        Assert.Equal(["connect", "os", "facts", "upgrade-check", "upgrade-first-control-plane", "upgrade-control-planes", "upgrade-workers-1", "upgrade-workers-2"], phases.Take(8).Select(p => p.Name));
        Assert.Equal("upgrade-workers-13", phases[^1].Name);
        Assert.Equal([1, 1, 2, 2], phases.Skip(4).Take(4).Select(p => p.MaxParallelism ?? 0));
        Assert.All(graph.Phases.Skip(1), p => Assert.Equal([graph.Phases[graph.Phases.ToList().IndexOf(p) - 1].Name], p.DependsOn));
    }

    [Fact]
    public async Task Plan_Worker_DrainedFromTheFirstControlPlane_PackagesOnTheNode_UncordonedAndReady()
    {
        var (context, ssh) = Context();
        var (graph, _) = KubernetesUpgrade.Graph(To, ["cp-1", "cp-2", "cp-3"], ["worker-1", "worker-2"]);
        var phase = graph.Phases.Single(p => p.Name == "upgrade-workers-2").Phase; // two workers: batches of one
        var worker = context.Hosts.Single(h => h.Name == "worker-2");
        var step = new HostStep(context, phase, worker);

        Assert.Equal(["worker-2"], phase.SelectHosts(context).Select(h => h.Name));
        await phase.RunAsync(step, CancellationToken.None);

        Assert.Equal(
        [
            "cordon and drain worker-2 (at most 5 min)",
            "write /etc/containerd/config.toml (new)", // the release's pause image as the sandbox image
            "write /etc/crictl.yaml (new)",
            "write /etc/apt/sources.list.d/kubernetes.list (new)",
            "write /etc/apt/preferences.d/kubernetes (new)",
            "write /etc/sysctl.d/90-kubelet.conf (new)", // the Kubernetes packages' files all go in place (facts are empty here)
            "enable and start containerd.service",
            "kubeadm 1.30.3 (apt source v1.30)",
            "kubeadm upgrade node",
            "kubelet and kubectl 1.30.3, kubelet restarted",
            "uncordon worker-2 and wait until it is Ready (at most 5 min)",
        ], step.Changes.Select(c => c.Description));
        Assert.Empty(ssh.Commands); // a plan runs nothing
    }

    [Fact]
    public async Task Plan_NodeAlreadyAtTheTarget_IsPassedOver()
    {
        var (context, _) = Context();
        var (graph, _) = KubernetesUpgrade.Graph(To, ["cp-1", "cp-2", "cp-3"], ["worker-1", "worker-2"]);
        var phase = graph.Phases.Single(p => p.Name == "upgrade-first-control-plane").Phase;
        var host = context.Hosts.FirstControlPlane;
        foreach (var package in new[] { "kubeadm", "kubelet", "kubectl" })
        {
            host.Facts.Packages[package] = KubernetesVersions.PackageVersion(KubernetesVersions.Default);
        }

        var step = new HostStep(context, phase, host);
        await phase.RunAsync(step, CancellationToken.None);

        Assert.Empty(step.Changes);
    }

    private (DeploymentContext Context, RecordingConnection Ssh) Context()
    {
        var model = DeployerTestModels.Lab(workers: 2).BuildModel();
        var topology = model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var options = new DeploymentOptions { DryRun = true, KnownHosts = new KnownHostsFile(_dir.Combine("known_hosts")) };
        var context = new DeploymentContext(model, inventory, new StateFolder(_dir.Combine("state")), options, new DeploymentObserver());
        var ssh = new RecordingConnection("any");
        foreach (var host in context.Hosts)
        {
            host.Connection = ssh;
            host.Os = new DebianConfigurer();
        }

        return (context, ssh);
    }
}
