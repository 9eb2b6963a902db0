using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Platform.Deployer.Operations;
using Platform.Hosting.Pipeline;

namespace Platform.Deployer.Steps;

/// <summary>
/// The node lifecycle operations as pipeline steps, named as the user types them (<c>aspire do add-node</c>); each
/// names its hosts, plans, and applies only when it may (<see cref="OperationStep"/>). <c>destroy-hosts</c> is what
/// <c>aspire destroy</c> runs.
/// </summary>
internal static class NodeOperationSteps
{
    /// <summary>The step <c>aspire destroy</c> runs: every host reset.</summary>
    public const string DestroyStep = "destroy-hosts";

    /// <summary>One step per operation, after model validation and Aspire's deploy (or destroy) prerequisites.</summary>
    public static IEnumerable<PipelineStep> Create(ParameterResource inventory)
    {
        yield return Step(new AddNode(), inventory, "Install the machines the inventory gained (a pool grew): only they, and hosts whose files change because of them, are contacted.");
        yield return Step(new RemoveNode(new Etcd.EtcdMembership()), inventory, "Take out the machines the inventory lost (a pool shrank): drain, etcd member, HAProxy backends, reset; unreachable ones are passed over. Needs Deploy:Confirm=remove-node.");
        yield return Step(new ReplaceNode(), inventory, "Replace the lost machines Deploy:Hosts names by fresh ones (same name and address): old Nodes and etcd members out, the new ones installed and joined. Needs Deploy:Confirm=replace-node.");
        yield return Step(new Upgrade.KubernetesUpgrade(), inventory, "Upgrade Kubernetes to the release the model pins, one minor version at a time: first control plane, the others one by one, workers in bounded batches, each drained and uncordoned. Needs Deploy:Confirm=upgrade.");
        yield return Step(new HostReset(), inventory, "Reset the hosts Deploy:Hosts names to a clean OS. Needs Deploy:Confirm=reset.");
        yield return Step(new HostReset(everyHost: true), inventory, "Every host back to a clean OS. Needs Deploy:Confirm=destroy.", DestroyStep, WellKnownPipelineSteps.Destroy);
    }

    private static PipelineStep Step(INodeOperation operation, ParameterResource inventory, string description, string? name = null, string? requiredBy = null)
    {
        var command = requiredBy is null ? $"aspire do {operation.Name}" : $"aspire {requiredBy}";
        var step = new PipelineStep { Name = name ?? operation.Name, Description = description, Action = new OperationStep(operation, inventory, command).RunAsync };
        step.DependsOn(PlatformPipeline.ValidateStep);
        step.DependsOn(requiredBy is null ? WellKnownPipelineSteps.DeployPrereq : WellKnownPipelineSteps.DestroyPrereq);
        if (requiredBy is not null)
        {
            step.RequiredBy(requiredBy);
        }

        return step;
    }
}
