using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Hosts;

/// <summary>The hosts of a deployment with role filters and a bounded parallel for-each.</summary>
public sealed class HostCollection(IEnumerable<DeployHost> hosts) : List<DeployHost>(hosts)
{
    /// <summary>Hosts with a role, in pool order.</summary>
    public IEnumerable<DeployHost> WithRole(NodeRole role) => this.Where(h => h.Machine.Role == role).OrderBy(h => h.Machine.Pool, StringComparer.Ordinal).ThenBy(h => h.Machine.Index);

    /// <summary>The control planes.</summary>
    public IEnumerable<DeployHost> ControlPlanes => WithRole(NodeRole.ControlPlane);

    /// <summary>The workers.</summary>
    public IEnumerable<DeployHost> Workers => WithRole(NodeRole.Worker);

    /// <summary>The load balancers.</summary>
    public IEnumerable<DeployHost> LoadBalancers => WithRole(NodeRole.LoadBalancer);

    /// <summary>Kubernetes nodes: control planes and workers.</summary>
    public IEnumerable<DeployHost> KubernetesNodes => ControlPlanes.Concat(Workers);

    /// <summary>The first control plane (where kubeadm init runs and cluster objects are applied).</summary>
    public DeployHost FirstControlPlane => ControlPlanes.First();

    /// <summary>Runs <paramref name="action"/> for each host, at most <paramref name="parallelism"/> at a time; every host runs even when others fail.</summary>
    public static async Task<IReadOnlyDictionary<DeployHost, Exception?>> ForEachAsync(IEnumerable<DeployHost> hosts, int parallelism, Func<DeployHost, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<DeployHost, Exception?>();
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, async (host, ct) =>
        {
            try
            {
                await action(host, ct).ConfigureAwait(false);
                results[host] = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results[host] = e;
            }
        }).ConfigureAwait(false);
        return results;
    }
}
