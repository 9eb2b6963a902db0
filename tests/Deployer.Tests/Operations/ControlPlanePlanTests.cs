using Platform.Deployer.Etcd;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Testing;

namespace Platform.Deployer.Tests.Operations;

public sealed class ControlPlanePlanTests
{
    private readonly Aspire.Hosting.ApplicationModel.PlatformTopology _topology = DeployerTestModels.Lab(controlPlanes: 5).BuildModel().PlanTopology();

    [Fact]
    public void Add_MemberFirstThenJoinThenBackends_WithQuorumBeforeAndAfter()
    {
        var members = _topology.ControlPlanes.Take(3).ToList();

        var plan = ControlPlanePlan.Add(members, _topology["cp-4"], _topology.LoadBalancers);

        Assert.Equal(
        [
            "cp-4: quorum checked, then etcd member add through a healthy member (cp-1, cp-2, cp-3): 3 → 4 members, quorum 2 → 3",
            "cp-4: prepare, then etcd started with initial-cluster-state existing and caught up with the leader; the other members keep running",
            "cp-4: Kubernetes packages, kubeadm join --control-plane (certificates uploaded again on cp-1)",
            "lb-1, lb-2: HAProxy's kubernetes-api backends gain cp-4",
        ], plan);
    }

    [Fact]
    public void Remove_QuorumCheckedFirst_NodesThenMembersThenBackendsThenReset()
    {
        var plan = ControlPlanePlan.Remove([.. _topology.ControlPlanes], [_topology["cp-4"], _topology["cp-5"]], _topology.LoadBalancers);

        Assert.Equal(
        [
            "cp-4, cp-5: etcd quorum checked on cp-1 first: 5 → 3 members, quorum 3 → 2; refused, nothing changed, when it would be lost",
            "cp-4, cp-5: cordon, drain and delete the Nodes (from cp-1)",
            "cp-4, cp-5: etcd member remove, one at a time, through cp-1",
            "lb-1, lb-2: HAProxy's kubernetes-api backends lose cp-4, cp-5",
            "cp-4, cp-5: kubeadm reset and cleanup (passed over, saying so, when unreachable)",
        ], plan);
    }

    [Fact]
    public void AddNodeGraph_JoiningControlPlanes_TheEtcdPhaseJoinsThem_OrderAndNamesUnchanged()
    {
        var graph = AddNode.Graph(new HashSet<string> { "cp-4" }, newCertificates: false);

        Assert.Equal(PhaseGraph.Default.Phases.Select(p => (p.Name, string.Join(",", p.DependsOn))), graph.Phases.Select(p => (p.Name, string.Join(",", p.DependsOn))));
        Assert.IsType<EtcdJoiningPhase>(graph["etcd"].Phase);
        Assert.Same(PhaseGraph.Default, AddNode.Graph(new HashSet<string>(), newCertificates: false));
    }
}
