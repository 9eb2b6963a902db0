using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Lab.Resources;

/// <summary>
/// Turns a Deployer run on the lab's machines into Aspire resource states and console logs: each host's phase
/// output goes to that machine's log, a phase line to the lab's log, and every model resource follows the phases
/// that realise it (<see cref="ResourcePhases"/>). Traces and metrics of the same run go to the dashboard through
/// OpenTelemetry.
/// </summary>
public sealed class LabDeploymentObserver(LabResources resources, PlatformModel model) : DeploymentObserver
{
    private readonly ConcurrentDictionary<(string Phase, string Host), DeployProgressEntry> _progress = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The progress cells so far, phases in the order they started.</summary>
    public IReadOnlyList<DeployProgressEntry> Progress
        => _order.Distinct().SelectMany(phase => _progress.Values.Where(e => e.Phase == phase)).ToList();

    /// <summary>
    /// Sets every model resource from the cells of its phases; <paramref name="finished"/> marks the ones whose
    /// phases ran on no host (one control plane: nobody joins) as running after a run without failures.
    /// </summary>
    public void UpdateResources(bool finished = false)
    {
        var progress = Progress;
        foreach (var resource in model.Resources)
        {
            var phases = ResourcePhases.For(resource);
            if (ResourcePhases.StateFrom(phases, progress) is { } state && !(finished && state.State == ResourceState.Starting))
            {
                if (resources.StateOf(resource.Name) != state.State)
                {
                    resources.Set(resource.Name, state.State, state.Detail);
                }
            }
            else if (finished && phases.Count > 0 && resources.StateOf(resource.Name) != ResourceState.Running)
            {
                resources.Set(resource.Name, ResourceState.Running, $"deployed ({string.Join(", ", phases)})");
            }
        }
    }

    /// <inheritdoc />
    public override void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts)
    {
        _order.Enqueue(phase.Name);
        foreach (var host in hosts)
        {
            _progress[(phase.Name, host.Name)] = new DeployProgressEntry(phase.Name, host.Name, DeployStepStatus.Pending, 0, null, null);
        }

        resources.AppendLog(resources.Lab.Name, $"deploy: {phase.Name} ({phase.Title}) on {hosts.Count} host(s)");
    }

    /// <inheritdoc />
    public override void PhaseSkipped(IPhase phase, string reason)
    {
        _order.Enqueue(phase.Name);
        _progress[(phase.Name, "*")] = new DeployProgressEntry(phase.Name, "*", DeployStepStatus.Skipped, 0, null, reason);
        resources.AppendLog(resources.Lab.Name, $"deploy: {phase.Name} skipped ({reason})");
        UpdateResources();
    }

    /// <inheritdoc />
    public override void HostStarted(IPhase phase, DeployHost host)
    {
        _progress[(phase.Name, host.Name)] = new DeployProgressEntry(phase.Name, host.Name, DeployStepStatus.Running, 0, null, null);
        resources.AppendLog(host.Name, $"[{phase.Name}] {phase.Title}");
        UpdateResources();
    }

    /// <inheritdoc />
    public override void HostResumed(IPhase phase, DeployHost host)
    {
        _progress[(phase.Name, host.Name)] = new DeployProgressEntry(phase.Name, host.Name, DeployStepStatus.Resumed, 0, null, null);
        resources.AppendLog(host.Name, $"[{phase.Name}] done by an earlier apply; skipped");
    }

    /// <inheritdoc />
    public override void ChangeRecorded(Change change, bool applied)
    {
        _progress.AddOrUpdate((change.Phase, change.Host),
            _ => new DeployProgressEntry(change.Phase, change.Host, DeployStepStatus.Running, 1, null, null),
            (_, entry) => entry with { Changes = entry.Changes + 1 });
        resources.AppendLog(change.Host, $"[{change.Phase}] {(applied ? "changed" : "would change")}: {change.Description}");
    }

    /// <inheritdoc />
    public override void Warning(string host, IPhase phase, string message)
        => resources.AppendLog(host, $"[{phase.Name}] warning: {message}");

    /// <inheritdoc />
    public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error)
    {
        var changes = _progress.TryGetValue((phase.Name, host.Name), out var entry) ? entry.Changes : 0;
        _progress[(phase.Name, host.Name)] = new DeployProgressEntry(phase.Name, host.Name, error is null ? DeployStepStatus.Done : DeployStepStatus.Failed, changes, Math.Round(duration.TotalSeconds, 1), error?.Message);
        if (error is null)
        {
            resources.AppendLog(host.Name, $"[{phase.Name}] done in {duration.TotalSeconds:0.0} s, {changes} change(s)");
        }
        else
        {
            resources.AppendError(host.Name, $"[{phase.Name}] FAILED after {duration.TotalSeconds:0.0} s: {error.Message}");
            resources.AppendError(resources.Lab.Name, $"deploy: {phase.Name} FAILED on {host.Name}: {error.Message}");
        }

        UpdateResources();
    }

    /// <inheritdoc />
    public override void PhaseFinished(IPhase phase, TimeSpan duration, int failures)
        => resources.AppendLog(resources.Lab.Name, $"deploy: {phase.Name} finished in {duration.TotalSeconds:0.0} s{(failures > 0 ? $", {failures} host(s) failed" : "")}");
}
