using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>
/// Which Deployer phases bring each model resource up, so a Deployer run (machines lab, or deploy with a
/// dashboard) turns into resource states: failed if one of its phases failed, running once all are done.
/// </summary>
public static class ResourcePhases
{
    /// <summary>The phases that realise <paramref name="resource"/>; empty when the substrate itself does (machines, network).</summary>
    public static IReadOnlyList<string> For(IResource resource) => resource switch
    {
        NetworkResource or SubnetResource or MachineResource => [],
        NodePoolResource or OperatingSystemResource => ["prepare"],
        EtcdClusterResource or EtcdSnapshotResource => ["etcd"],
        ApiLoadBalancerResource => ["load-balancer"],
        ContainerRuntimeResource => ["kubernetes-packages"],
        KubernetesClusterResource => ["kubernetes-packages", "init", "api-server-etcd", "join-control-planes", "join-workers"],
        AuditPolicyResource or OidcResource or KubeProxyResource => ["init"],
        CniResource or HelmControllerResource => ["cni"],
        _ => ["addons"],
    };

    /// <summary>
    /// The state of a resource from the deploy progress cells of its phases, or null when none of them has
    /// started yet.
    /// </summary>
    public static (ResourceState State, string Detail)? StateFrom(IReadOnlyList<string> phases, IReadOnlyList<DeployProgressEntry> progress)
    {
        var cells = progress.Where(e => phases.Contains(e.Phase)).ToList();
        if (phases.Count == 0 || cells.Count == 0)
        {
            return null;
        }

        if (cells.FirstOrDefault(c => c.Status == DeployStepStatus.Failed) is { } failed)
        {
            return (ResourceState.Failed, $"{failed.Phase} failed on {failed.Host}: {failed.Error}");
        }

        var skipped = cells.Where(c => c.Status == DeployStepStatus.Skipped).Select(c => c.Phase).Distinct().ToList();
        if (skipped.Count > 0)
        {
            return (ResourceState.NotInSubstrate, $"not deployed in this lab: phase {string.Join(", ", skipped)} is skipped (Lab:Skip; the Kubernetes phases need pkgs.k8s.io and registry.k8s.io, which the lab's offline machines cannot reach)");
        }

        var started = cells.Select(c => c.Phase).Distinct().Count();
        if (started == phases.Count && cells.All(c => c.Status is DeployStepStatus.Done or DeployStepStatus.Resumed))
        {
            return (ResourceState.Running, $"deployed ({string.Join(", ", phases)})");
        }

        var current = cells.FirstOrDefault(c => c.Status == DeployStepStatus.Running)?.Phase ?? cells[^1].Phase;
        return (ResourceState.Starting, $"deploying: {current}");
    }
}
