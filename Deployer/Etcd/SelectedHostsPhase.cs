using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Etcd;

/// <summary>A deploy phase run on only some hosts: an etcd operation touches the control planes, or just the member it replaces.</summary>
/// <param name="inner">The phase.</param>
/// <param name="select">The hosts it runs on.</param>
public sealed class SelectedHostsPhase(IPhase inner, Func<DeploymentContext, IEnumerable<DeployHost>> select) : IPhase
{
    /// <summary><paramref name="phase"/> on the control planes.</summary>
    public static SelectedHostsPhase ControlPlanes(IPhase phase) => new(phase, c => c.Hosts.ControlPlanes);

    /// <summary><paramref name="phase"/> on the named host only.</summary>
    public static SelectedHostsPhase Only(IPhase phase, string host) => new(phase, c => c.Hosts.Where(h => h.Name == host));

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public string Title => inner.Title;

    /// <inheritdoc />
    public bool IsPrerequisite => inner.IsPrerequisite;

    /// <inheritdoc />
    public bool IsCheck => inner.IsCheck;

    /// <inheritdoc />
    public int? MaxParallelism => inner.MaxParallelism;

    /// <inheritdoc />
    public IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => select(context).Intersect(inner.SelectHosts(context));

    /// <inheritdoc />
    public Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken) => inner.PrepareAsync(context, cancellationToken);

    /// <inheritdoc />
    public Task RunAsync(HostStep step, CancellationToken cancellationToken) => inner.RunAsync(step, cancellationToken);

    /// <inheritdoc />
    public Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken) => inner.FinishAsync(context, cancellationToken);

    /// <inheritdoc />
    public string Fingerprint(HostStep step) => inner.Fingerprint(step);
}
