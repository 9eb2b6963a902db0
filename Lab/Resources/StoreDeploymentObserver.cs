using System.Collections.Concurrent;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>
/// Feeds a Deployer run into the dashboard's store: a progress cell per host and phase, and each host's
/// phase output as that machine's log. Used by the machines lab and by <c>deploy apply --dashboard-port</c>.
/// </summary>
public sealed class StoreDeploymentObserver(ResourceStateStore store, PlatformModel? model = null) : DeploymentObserver
{
    private readonly ConcurrentDictionary<(string Phase, string Host), int> _changes = new();

    /// <summary>
    /// Sets every model resource from the cells of its phases; <paramref name="finished"/> marks the ones whose
    /// phases ran on no host (one control plane: nobody joins) as running after a run without failures.
    /// </summary>
    public void UpdateResources(bool finished = false)
    {
        if (model is null)
        {
            return;
        }

        var progress = store.DeployProgress;
        foreach (var resource in model.Resources)
        {
            var phases = ResourcePhases.For(resource);
            if (ResourcePhases.StateFrom(phases, progress) is { } state && !(finished && state.State == ResourceState.Starting))
            {
                store.Set(resource.Name, state.State, state.Detail);
            }
            else if (finished && phases.Count > 0)
            {
                store.Set(resource.Name, ResourceState.Running, $"deployed ({string.Join(", ", phases)})");
            }
        }
    }

    /// <inheritdoc />
    public override void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts)
    {
        foreach (var host in hosts)
        {
            store.SetDeploy(new DeployProgressEntry(phase.Name, host.Name, DeployStepStatus.Pending, 0, null, null));
        }
    }

    /// <inheritdoc />
    public override void PhaseFinished(IPhase phase, TimeSpan duration, int failures)
    {
        if (phase.Name == Pipeline.Phases[^1].Name)
        {
            UpdateResources(finished: failures == 0);
            store.SetLab(failures == 0 ? "deployed" : $"finished with {failures} failure(s)", ready: failures == 0);
        }
    }

    /// <inheritdoc />
    public override void PhaseSkipped(IPhase phase, string reason)
    {
        store.SetDeploy(new DeployProgressEntry(phase.Name, "*", DeployStepStatus.Skipped, 0, null, reason));
        UpdateResources();
    }

    /// <inheritdoc />
    public override void HostStarted(IPhase phase, DeployHost host)
    {
        store.SetDeploy(new DeployProgressEntry(phase.Name, host.Name, DeployStepStatus.Running, 0, null, null));
        store.AppendLog(host.Name, $"[{phase.Name}] {phase.Title}");
        UpdateResources();
    }

    /// <inheritdoc />
    public override void HostResumed(IPhase phase, DeployHost host)
    {
        store.SetDeploy(new DeployProgressEntry(phase.Name, host.Name, DeployStepStatus.Resumed, 0, null, null));
        store.AppendLog(host.Name, $"[{phase.Name}] done by an earlier apply; skipped");
    }

    /// <inheritdoc />
    public override void ChangeRecorded(Change change, bool applied)
    {
        var count = _changes.AddOrUpdate((change.Phase, change.Host), 1, (_, n) => n + 1);
        store.AppendLog(change.Host, $"[{change.Phase}] {(applied ? "changed" : "would change")}: {change.Description}");
        if (store.FindDeploy(change.Phase, change.Host) is { } entry)
        {
            store.SetDeploy(entry with { Changes = count });
        }
    }

    /// <inheritdoc />
    public override void Warning(string host, IPhase phase, string message)
        => store.AppendLog(host, $"[{phase.Name}] warning: {message}");

    /// <inheritdoc />
    public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error)
    {
        var changes = _changes.GetValueOrDefault((phase.Name, host.Name));
        store.SetDeploy(new DeployProgressEntry(phase.Name, host.Name, error is null ? DeployStepStatus.Done : DeployStepStatus.Failed, changes, Math.Round(duration.TotalSeconds, 1), error?.Message));
        store.AppendLog(host.Name, error is null
            ? $"[{phase.Name}] done in {duration.TotalSeconds:0.0} s, {changes} change(s)"
            : $"[{phase.Name}] FAILED after {duration.TotalSeconds:0.0} s: {error.Message}");
        UpdateResources();
    }
}
