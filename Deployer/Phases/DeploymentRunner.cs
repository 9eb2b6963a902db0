using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.ServiceDefaults;

namespace Platform.Deployer.Phases;

/// <summary>
/// Runs phases over their hosts along the phase graph. A phase starts once every phase it depends on finished
/// (an unselected phase counts as finished), so independent phases run side by side; a host still does one
/// phase at a time. Failure policy: a host that fails is reported, the other hosts finish the same phase,
/// phases that need the failed one never start, independent phases finish, then the run stops. The journal
/// lets the next apply skip what this one finished.
/// </summary>
public static class DeploymentRunner
{
    /// <summary>Runs the selected phases of <paramref name="pipeline"/>, each after the one before it.</summary>
    public static Task<DeploymentResult> RunAsync(DeploymentContext context, IReadOnlyList<IPhase> pipeline, CancellationToken cancellationToken)
        => RunAsync(context, PhaseGraph.Create(PipelinePhase.Sequence(pipeline)), cancellationToken);

    /// <summary>Runs the selected phases of <paramref name="graph"/>.</summary>
    public static async Task<DeploymentResult> RunAsync(DeploymentContext context, PhaseGraph graph, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        using var run = new DeploymentRun(context);
        var finished = new Dictionary<string, Task<bool>>(StringComparer.Ordinal);
        foreach (var node in graph.Phases)
        {
            var needs = node.DependsOn.Select(d => finished[d]).ToArray();
            finished[node.Name] = RunWhenReadyAsync(context, node.Phase, needs, run, cancellationToken);
        }

        await Task.WhenAll(finished.Values).ConfigureAwait(false);
        if (!run.HasFailed && !context.DryRun)
        {
            context.FinishApply();
        }

        return run.ToResult();
    }

    /// <summary>
    /// Runs one phase on its hosts (or reports it skipped when not selected) and adds what it did to
    /// <paramref name="run"/>; true when it succeeded or was skipped. The caller runs it after its dependencies.
    /// </summary>
    public static async Task<bool> RunPhaseAsync(DeploymentContext context, IPhase phase, DeploymentRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(run);
        if (!context.Options.Selection.Includes(phase))
        {
            context.Observer.PhaseSkipped(phase, $"not selected, {Steps.DeploySettings.Section}:Skip");
            return true;
        }

        var hosts = phase.SelectHosts(context).Where(h => context.Scope?.Includes(phase, h) ?? true).ToList();
        if (context.Scope is not null && hosts.Count == 0)
        {
            // Nothing this phase does changed on any host: its preparation and finishing checks are not needed either.
            context.Observer.PhaseSkipped(phase, "no host in scope");
            return true;
        }

        var started = Stopwatch.StartNew();
        using var span = PlatformTelemetry.Deployer.StartActivity($"phase {phase.Name}", ActivityKind.Internal, Activity.Current?.Context ?? run.SpanContext);
        span?.SetTag("platform.phase", phase.Name);
        context.Observer.PhaseStarted(phase, hosts);
        var failures = new ConcurrentBag<HostFailure>();
        var changes = 0;
        var resumed = 0;

        try
        {
            await phase.PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var host in hosts.DefaultIfEmpty(context.Hosts.FirstOrDefault()).OfType<DeployHost>().Take(1))
            {
                failures.Add(new HostFailure(host.Name, phase.Name, e));
            }
        }

        if (failures.IsEmpty)
        {
            await HostCollection.ForEachAsync(hosts, phase.MaxParallelism ?? context.Options.Parallelism, async (host, ct) =>
            {
                // Phases running side by side may share a host; apt and the host's facts allow one at a time.
                await host.Turn.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var step = await RunOnHostAsync(context, phase, host, run, failures, cancellationToken, ct).ConfigureAwait(false);
                    Interlocked.Add(ref changes, step.Changes);
                    if (step.Resumed)
                    {
                        Interlocked.Increment(ref resumed);
                    }
                }
                finally
                {
                    host.Turn.Release();
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        if (failures.IsEmpty)
        {
            try
            {
                await phase.FinishAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new HostFailure(e is Ssh.RemoteCommandException r ? r.Host : "cluster", phase.Name, Redacted(e)));
            }
        }

        foreach (var failure in failures)
        {
            DeployerMetrics.Failed(failure);
        }

        run.Add(failures);
        span?.SetTag("platform.changes", changes);
        if (!failures.IsEmpty)
        {
            span?.SetStatus(ActivityStatusCode.Error, $"{failures.Count} host(s) failed");
        }

        DeployerMetrics.PhaseFinished(phase.Name, started.Elapsed, failed: !failures.IsEmpty);
        run.Add(new PhaseTiming(phase.Name, phase.Title, started.Elapsed, hosts.Count, changes, failures.Count, resumed));
        context.Observer.PhaseFinished(phase, started.Elapsed, failures.Count);

        return failures.IsEmpty;
    }

    private static async Task<(int Changes, bool Resumed)> RunOnHostAsync(DeploymentContext context, IPhase phase, DeployHost host, DeploymentRun run, ConcurrentBag<HostFailure> failures, CancellationToken runToken, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var hostSpan = PlatformTelemetry.Deployer.StartActivity($"{phase.Name} {host.Name}");
        hostSpan?.SetTag("platform.phase", phase.Name);
        hostSpan?.SetTag("platform.host", host.Name);
        hostSpan?.SetTag("platform.role", host.Machine.Role.ToString());
        var step = new HostStep(context, phase, host);
        Exception? error = null;
        try
        {
            var journal = phase.IsPrerequisite || context.DryRun ? null : context.Journal;
            var fingerprint = journal is null ? null : phase.Fingerprint(step);
            if (journal is not null && journal.IsDone(phase.Name, host.Name, fingerprint!))
            {
                context.Observer.HostResumed(phase, host);
                hostSpan?.SetTag("platform.resumed", true);
                return (0, true);
            }

            context.Observer.HostStarted(phase, host);
            await phase.RunAsync(step, ct).ConfigureAwait(false);
            journal?.Record(phase.Name, host.Name, fingerprint!);
        }
        catch (Exception e) when (e is not OperationCanceledException || !runToken.IsCancellationRequested)
        {
            error = Redacted(await HostDownClassifier.ClassifyAsync(host, e).ConfigureAwait(false));
            failures.Add(new HostFailure(host.Name, phase.Name, error));
            hostSpan?.SetStatus(ActivityStatusCode.Error, error.Message);
        }
        finally
        {
            foreach (var change in step.Changes)
            {
                run.Add(change);
            }

            foreach (var warning in step.Warnings)
            {
                run.AddWarning(host.Name, phase.Name, warning);
            }

            hostSpan?.SetTag("platform.changes", step.Changes.Count);
            DeployerMetrics.ChangesRecorded(phase.Name, host.Name, step.Changes.Count, applied: !context.DryRun);
            DeployerMetrics.HostStepFinished(phase.Name, host.Name, clock.Elapsed);
            context.Observer.HostFinished(phase, host, clock.Elapsed, error);
        }

        return (step.Changes.Count, false);
    }

    private static async Task<bool> RunWhenReadyAsync(DeploymentContext context, IPhase phase, Task<bool>[] needs, DeploymentRun run, CancellationToken cancellationToken)
    {
        var ready = await Task.WhenAll(needs).ConfigureAwait(false);
        if (!ready.All(r => r))
        {
            return false; // a phase it needs failed: it never starts
        }

        // Off the finishing phase's continuation, so siblings start together.
        return await Task.Run(() => RunPhaseAsync(context, phase, run, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The error as failures carry it to logs, the dashboard and spans: with any secret value in its message (or an
    /// inner one) replaced; the SSH errors redact themselves and keep their type.
    /// </summary>
    private static Exception Redacted(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (State.SecretRedactor.Leaks(e.Message))
            {
                return new PlatformException(State.SecretRedactor.Redact(error.Message));
            }
        }

        return error;
    }
}
