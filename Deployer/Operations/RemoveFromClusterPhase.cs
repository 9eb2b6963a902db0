using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Operations;

/// <summary>
/// The Kubernetes side of a node leaving, from the first control plane where the API runs: cordon, drain with a timeout,
/// delete the Node; for a control plane, quorum is checked first and its etcd member removed after. Where no cluster
/// exists (no admin.conf) there is nothing to do and it says so. A node that is not Ready cannot be drained gracefully:
/// its drain may time out, and the Node is deleted all the same (its pods go with it).
/// </summary>
/// <param name="leaving">The machines leaving the cluster.</param>
/// <param name="etcd">Where a control plane's etcd member is removed; null leaves members alone (a replacement rejoins through <see cref="Etcd.EtcdJoin"/>).</param>
/// <param name="kubernetes">False when the run skips the Kubernetes phases: only etcd members leave.</param>
public sealed class RemoveFromClusterPhase(IReadOnlyList<Machine> leaving, IEtcdMembership? etcd, bool kubernetes = true) : Phase
{
    private const string Kubectl = AdminKubectl.Command;

    /// <summary>How long a drain may take before the node is deleted anyway (not Ready) or the removal stops (Ready).</summary>
    public static TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public override string Name => "remove-from-cluster";

    /// <inheritdoc />
    public override string Title => "Cordon, drain and delete the leaving Nodes";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context)
        => context.Hosts.ControlPlanes.Where(h => !leaving.Any(m => m.Name == h.Name)).Take(1);

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => $"{Name} {string.Join(',', leaving.Select(m => m.Name))}";

    /// <summary>The drain command kubeadm's documentation gives, bounded by <see cref="DrainTimeout"/>.</summary>
    public static string DrainCommand(string node) => $"{Kubectl} drain {Shell.Quote(node)} --ignore-daemonsets --delete-emptydir-data --timeout={(int)DrainTimeout.TotalSeconds}s";

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var controlPlanes = leaving.Where(m => m.Role == NodeRole.ControlPlane).ToList();
        if (etcd is not null && controlPlanes.Count > 0)
        {
            // Before anything changes: a removal that would lose quorum is refused whole.
            await etcd.CheckRemovalAsync(step, controlPlanes, cancellationToken).ConfigureAwait(false);
        }

        if (!kubernetes)
        {
            step.Warn($"Kubernetes phases are skipped ({Steps.DeploySettings.Section}:Skip): no Node to cordon, drain or delete.");
        }
        else if (step.Facts.ExistingPaths.ContainsKey(HostMarkers.AdminKubeconfig))
        {
            foreach (var machine in leaving)
            {
                await RemoveNodeAsync(step, machine, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            step.Warn($"no Kubernetes cluster here ({KubernetesPaths.AdminKubeconfig} is missing): no Node to cordon, drain or delete.");
        }

        // etcd runs outside Kubernetes (external etcd): its member leaves even where no cluster was initialised.
        foreach (var machine in etcd is null ? [] : controlPlanes)
        {
            await etcd!.RemoveMemberAsync(step, machine, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RemoveNodeAsync(HostStep step, Machine machine, CancellationToken cancellationToken)
    {
        var node = Shell.Quote(machine.Name);
        var ready = await step.QueryAsync($"{Kubectl} get node {node} -o jsonpath='{{.status.conditions[?(@.type==\"Ready\")].status}}'", cancellationToken).ConfigureAwait(false);
        if (!ready.Succeeded)
        {
            step.Warn($"{machine.Name} is not a Node of the cluster (any more); nothing to drain.");
            return;
        }

        await step.ChangeAsync($"cordon and drain {machine.Name} (at most {DrainTimeout.TotalMinutes:0.#} min)", async ct =>
        {
            var drained = await step.QueryAsync($"{Kubectl} cordon {node} && {DrainCommand(machine.Name)}", ct, DrainTimeout + TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            if (!drained.Succeeded && ready.Output.Trim() == "True")
            {
                drained.EnsureSuccess(); // a Ready node that cannot be drained keeps its Node: stop here
            }

            if (!drained.Succeeded)
            {
                step.Warn($"{machine.Name} is not Ready: its drain did not finish ({drained.Error.Trim()}); its pods are deleted with its Node.");
            }
        }, cancellationToken).ConfigureAwait(false);
        await step.ChangeAsync($"delete Node {machine.Name}", ct => step.RunAsync($"{Kubectl} delete node {node} --wait=false", ct), cancellationToken).ConfigureAwait(false);
    }
}
