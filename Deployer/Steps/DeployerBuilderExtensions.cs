using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Deployer.Phases;
using Platform.Deployer.Steps;
using Platform.Hosting.Pipeline;

namespace Aspire.Hosting;

/// <summary>The Deployer as Aspire pipeline steps: <c>aspire deploy</c>, <c>aspire do &lt;phase&gt;</c>, <c>aspire do plan</c>.</summary>
public static class DeployerBuilderExtensions
{
    /// <summary>The parameter that names the inventory YAML.</summary>
    public const string InventoryParameter = "inventory";

    /// <summary>
    /// In publish and deploy mode, adds the <c>inventory</c> parameter and one pipeline step per phase along the
    /// phase dependencies of <see cref="Platform.Deployer.Phases.Pipeline"/> (the last required by <c>deploy</c>),
    /// plus <c>plan</c>, <c>kubeconfig</c>, <c>inventory-template</c>, the node operations (<c>add-node</c>, <c>remove-node</c>,
    /// <c>replace-node</c>, <c>upgrade</c>, <c>reset</c>, and <c>destroy-hosts</c> for <c>aspire destroy</c>), the etcd operations (<c>etcd-backup</c>, <c>etcd-restore</c>,
    /// <c>etcd-replace-member</c>, <c>certs-check</c>, <c>etcd-certs-renew</c>) and <c>secrets-key-rotate</c>. Options come from the configuration section
    /// <c>Deploy</c>. In run mode it adds nothing.
    /// </summary>
    /// <example><code>builder.AddDeployer();   // aspire deploy -- --Parameters:inventory=inventory.yaml --Deploy:Skip=addons</code></example>
    public static IDistributedApplicationBuilder AddDeployer(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        PlatformPipeline.EnsureRegistered(builder);
        var inventory = builder.AddParameter(InventoryParameter).Resource;
        builder.Services.TryAddSingleton<DeploySessions>();
        var graph = PhaseGraph.Default;
        foreach (var node in graph.Phases)
        {
            var step = new PipelineStep { Name = node.Name, Description = node.Phase.Title, Action = new PhaseStep(node.Phase, inventory).RunAsync };
            step.DependsOn(PlatformPipeline.ValidateStep);
            step.DependsOn(WellKnownPipelineSteps.DeployPrereq);
            foreach (var dependency in node.DependsOn)
            {
                step.DependsOn(dependency);
            }

            if (graph.Dependents(node.Name).Count == 0)
            {
                step.RequiredBy(WellKnownPipelineSteps.Deploy);
            }

            builder.Pipeline.AddStep(step);
        }

        var plan = new PipelineStep { Name = PlanStep.Name, Description = "Every change per host and phase, in dry-run; touches nothing.", Action = new PlanStep(inventory).RunAsync };
        plan.DependsOn(PlatformPipeline.ValidateStep);
        plan.DependsOn(WellKnownPipelineSteps.DeployPrereq);
        builder.Pipeline.AddStep(plan);

        var kubeconfig = new PipelineStep { Name = KubeconfigStep.Name, Description = "The admin kubeconfig, pointed at the VIP, saved 0600.", Action = new KubeconfigStep(inventory).RunAsync };
        kubeconfig.DependsOn(PlatformPipeline.ValidateStep);
        kubeconfig.DependsOn(WellKnownPipelineSteps.DeployPrereq);
        builder.Pipeline.AddStep(kubeconfig);

        foreach (var operation in NodeOperationSteps.Create(inventory))
        {
            builder.Pipeline.AddStep(operation);
        }

        // Needs the model only, not an inventory: it writes one.
        builder.Pipeline.AddStep(InventoryTemplateStep.Name, InventoryTemplateStep.RunAsync, dependsOn: PlatformPipeline.ValidateStep);

        foreach (var operation in EtcdOperationSteps.Create(inventory))
        {
            builder.Pipeline.AddStep(operation);
        }

        // A day-2 operation, not part of deploy: only `aspire do secrets-key-rotate` runs it.
        var rotate = new PipelineStep { Name = EncryptionKeyRotatePhase.PhaseName, Description = "A new key encrypts Secrets at rest; the old ones keep decrypting; every Secret is rewritten.", Action = new EncryptionKeyRotateStep(inventory).RunAsync };
        rotate.DependsOn(PlatformPipeline.ValidateStep);
        rotate.DependsOn(WellKnownPipelineSteps.DeployPrereq);
        builder.Pipeline.AddStep(rotate);

        return builder;
    }
}
