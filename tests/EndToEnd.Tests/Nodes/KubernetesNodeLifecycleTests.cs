using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Etcd;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Nodes;

/// <summary>
/// The Kubernetes side of adding and removing nodes, for real: kubeadm join, then cordon, drain and delete the Node; and
/// for control planes, every API server's etcd list and kubeadm's stored one following the membership.
/// It needs mirrors of the Kubernetes packages and images (PLATFORM_TEST_K8S_*); without them it skips, naming them.
/// </summary>
public sealed class KubernetesNodeLifecycleTests
{
    [RequiresKubernetesPackagesFact]
    public async Task AddWorker_JoinsAndIsReady_RemoveWorker_NodeDrainedAndDeleted()
    {
        await using var lab = await NodeLab.StartAsync(block: 4, controlPlanes: 1, workers: 2, loadBalancers: 0);
        IDistributedApplicationBuilder Model(int workers)
        {
            var builder = lab.Model(1, workers, 0);
            builder.CreateResourceBuilder(builder.Resources.OfType<KubernetesClusterResource>().Single())
                .WithKubernetesPackageMirror(Environment.GetEnvironmentVariable(RequiresKubernetesPackagesFactAttribute.AptMirrorVariable)!);
            return builder;
        }

        var one = lab.Inventory("worker-2");
        var two = lab.Inventory();
        var deploy = await DeployRuns.RunAsync(lab.Input(Model(1), one, ("Skip", "load-balancer")), dryRun: false);
        Assert.True(deploy.Failures.Count == 0, string.Join("\n", deploy.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));

        var added = await NodeOperations.RunAsync(new AddNode(), lab.Input(Model(2), two, ("Skip", "load-balancer")), new DeploymentObserver(), "aspire do add-node", CancellationToken.None);
        Assert.True(added.Failures.Count == 0, string.Join("\n", added.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
        Assert.Equal("True", (await lab.ShAsync("cp-1", "kubectl --kubeconfig=/etc/kubernetes/admin.conf get node worker-2 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'")).Output.Trim());

        var removed = await NodeOperations.RunAsync(new RemoveNode(new EtcdMembership()), lab.Input(Model(1), one, ("Skip", "load-balancer"), ("Confirm", "remove-node")), new DeploymentObserver(), "aspire do remove-node", CancellationToken.None);
        Assert.True(removed.Failures.Count == 0, string.Join("\n", removed.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
        Assert.Contains(removed.Changes, c => c.Description == "delete Node worker-2");
        Assert.NotEqual(0, (await lab.ShAsync("cp-1", "kubectl --kubeconfig=/etc/kubernetes/admin.conf get node worker-2")).ExitCode);
        Assert.Equal("", await lab.LeftoversAsync("worker-2"));
    }

    [RequiresKubernetesPackagesFact]
    public async Task AddTwoControlPlanes_EveryApiServerAndKubeadmConfigNameAllMembers_RemoveThem_TheListsShrinkAgain()
    {
        await using var lab = await NodeLab.StartAsync(block: 5, controlPlanes: 5, workers: 1, loadBalancers: 2);
        IDistributedApplicationBuilder Model(int controlPlanes)
        {
            var builder = lab.Model(controlPlanes, 1, 2);
            builder.CreateResourceBuilder(builder.Resources.OfType<KubernetesClusterResource>().Single())
                .WithKubernetesPackageMirror(Environment.GetEnvironmentVariable(RequiresKubernetesPackagesFactAttribute.AptMirrorVariable)!);
            return builder;
        }

        async Task<string> EtcdServersAsync(string machine)
            => (await lab.ShAsync(machine, $"grep -o -- '--etcd-servers=[^ ]*' {ApiServerEtcdPhase.Manifest}")).Output.Trim();

        async Task<int> StoredEndpointsAsync()
            => (await lab.ShAsync("cp-1", "kubectl --kubeconfig=/etc/kubernetes/admin.conf -n kube-system get configmap kubeadm-config -o jsonpath='{.data.ClusterConfiguration}'")).Output.Split('\n').Count(l => l.Contains(":2379", StringComparison.Ordinal));

        var three = lab.Inventory("cp-4", "cp-5");
        var deploy = await DeployRuns.RunAsync(lab.Input(Model(3), three), dryRun: false);
        Assert.True(deploy.Failures.Count == 0, string.Join("\n", deploy.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));

        var added = await NodeOperations.RunAsync(new AddNode(), lab.Input(Model(5), lab.Inventory()), new DeploymentObserver(), "aspire do add-node", CancellationToken.None);
        Assert.True(added.Failures.Count == 0, string.Join("\n", added.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
        foreach (var machine in new[] { "cp-1", "cp-2", "cp-3", "cp-4", "cp-5" })
        {
            Assert.Equal(5, (await EtcdServersAsync(machine)).Split(',').Length);
        }

        Assert.Equal(5, await StoredEndpointsAsync());

        var removed = await NodeOperations.RunAsync(new RemoveNode(new EtcdMembership()), lab.Input(Model(3), three, ("Confirm", "remove-node")), new DeploymentObserver(), "aspire do remove-node", CancellationToken.None);
        Assert.True(removed.Failures.Count == 0, string.Join("\n", removed.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
        foreach (var machine in new[] { "cp-1", "cp-2", "cp-3" })
        {
            Assert.DoesNotContain(Address(lab, "cp-4"), await EtcdServersAsync(machine), StringComparison.Ordinal);
            Assert.Equal(3, (await EtcdServersAsync(machine)).Split(',').Length);
        }

        Assert.Equal(3, await StoredEndpointsAsync());
    }

    private static string Address(NodeLab lab, string machine) => lab.Model(5, 1, 2).BuildModel().PlanTopology().Machines.Single(m => m.Name == machine).Address.ToString();
}
