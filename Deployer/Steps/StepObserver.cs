using System.Collections.Concurrent;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Logging;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Steps;

/// <summary>
/// Shows a run in an Aspire pipeline step: a task per host ("cp-1: 3 changes") and a log line per change in
/// the words plan and apply share. Reporting is asynchronous and runner events are not, so the calls are
/// queued in order and <see cref="FlushAsync"/> waits for them.
/// </summary>
internal sealed class StepObserver(IReportingStep step, bool namePhase, CancellationToken cancellationToken) : DeploymentObserver
{
    private readonly ConcurrentDictionary<(string Phase, string Host), Task<IReportingTask>> _tasks = new();
    private readonly ConcurrentDictionary<(string Phase, string Host), int> _changes = new();
    private readonly Lock _lock = new();
    private Task _tail = Task.CompletedTask;

    /// <summary>Changes seen per host.</summary>
    public IReadOnlyDictionary<string, int> ChangesByHost => _changes.GroupBy(c => c.Key.Host).ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);

    /// <inheritdoc />
    public override void PhaseSkipped(IPhase phase, string reason)
        => step.Log(LogLevel.Information, $"{phase.Name}: skipped ({reason})");

    /// <inheritdoc />
    public override void HostStarted(IPhase phase, DeployHost host)
        => _tasks[(phase.Name, host.Name)] = Enqueue(() => step.CreateTaskAsync($"{Label(phase, host)}: {phase.Title}", cancellationToken));

    /// <inheritdoc />
    public override void HostResumed(IPhase phase, DeployHost host)
        => Complete(Enqueue(() => step.CreateTaskAsync(Label(phase, host), cancellationToken)), $"{Label(phase, host)}: done by the interrupted apply, skipped", CompletionState.Completed);

    /// <inheritdoc />
    public override void ChangeRecorded(Change change, bool applied)
    {
        _changes.AddOrUpdate((change.Phase, change.Host), 1, (_, n) => n + 1);
        step.Log(LogLevel.Information, $"{(namePhase ? $"{change.Host} ({change.Phase})" : change.Host)}: {change.Description}");
    }

    /// <inheritdoc />
    public override void Warning(string host, IPhase phase, string message)
        => step.Log(LogLevel.Warning, $"{(namePhase ? $"{host} ({phase.Name})" : host)}: {message}");

    /// <inheritdoc />
    public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error)
    {
        if (!_tasks.TryRemove((phase.Name, host.Name), out var task))
        {
            return;
        }

        var changes = _changes.GetValueOrDefault((phase.Name, host.Name));
        Complete(task, error is null
            ? $"{Label(phase, host)}: {Count(changes, "change")}"
            : $"{Label(phase, host)}: failed: {error.Message}", error is null ? CompletionState.Completed : CompletionState.CompletedWithError);
    }

    /// <summary>Waits until every queued report was made.</summary>
    public Task FlushAsync()
    {
        lock (_lock)
        {
            return _tail;
        }
    }

    /// <summary>"1 change", "3 changes", "no changes".</summary>
    public static string Count(int count, string noun) => count switch
    {
        0 => $"no {noun}s",
        1 => $"1 {noun}",
        _ => $"{count} {noun}s",
    };

    private string Label(IPhase phase, DeployHost host) => namePhase ? $"{host.Name} ({phase.Name})" : host.Name;

    private void Complete(Task<IReportingTask> task, string message, CompletionState state)
        => Enqueue(async () => await (await task.ConfigureAwait(false)).CompleteAsync(message, state, cancellationToken).ConfigureAwait(false));

    private Task<T> Enqueue<T>(Func<Task<T>> report)
    {
        lock (_lock)
        {
            var next = _tail.ContinueWith(_ => report(), cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            _tail = next;
            return next;
        }
    }

    private void Enqueue(Func<Task> report)
    {
        lock (_lock)
        {
            _tail = _tail.ContinueWith(_ => report(), cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }
}
