using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Deployer.Hosts;
using Platform.ServiceDefaults;

namespace Platform.Deployer.Phases;

/// <summary>
/// Runs phases in order over their hosts. Failure policy: a host that fails is reported, the other hosts
/// finish the same phase, then the run stops before the next phase (later phases build on earlier ones on
/// every host). The journal lets the next apply skip what this one finished.
/// </summary>
public static class DeploymentRunner
{
    /// <summary>Runs the selected phases of <paramref name="pipeline"/>.</summary>
    public static async Task<DeploymentResult> RunAsync(DeploymentContext context, IReadOnlyList<IPhase> pipeline, CancellationToken cancellationToken)
    {
        var changes = new ConcurrentQueue<Change>();
        var warnings = new ConcurrentQueue<(string, string, string)>();
        var timings = new List<PhaseTiming>();
        var failures = new List<HostFailure>();
        using var run = PlatformTelemetry.Deployer.StartActivity(context.DryRun ? "deploy plan" : "deploy apply");
        run?.SetTag("platform.cluster", context.Model.Cluster.Name);
        run?.SetTag("platform.hosts", context.Hosts.Count);

        foreach (var phase in pipeline)
        {
            if (!context.Options.Selection.Includes(phase))
            {
                context.Observer.PhaseSkipped(phase, "not selected");
                continue;
            }

            var hosts = phase.SelectHosts(context).ToList();
            var started = Stopwatch.StartNew();
            using var span = PlatformTelemetry.Deployer.StartActivity($"phase {phase.Name}");
            span?.SetTag("platform.phase", phase.Name);
            context.Observer.PhaseStarted(phase, hosts);
            var phaseFailures = new ConcurrentBag<HostFailure>();
            var phaseChanges = 0;
            var resumed = 0;

            try
            {
                await phase.PrepareAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                foreach (var host in hosts.DefaultIfEmpty(context.Hosts.FirstOrDefault()).OfType<DeployHost>().Take(1))
                {
                    phaseFailures.Add(new HostFailure(host.Name, phase.Name, e));
                }
            }

            if (phaseFailures.IsEmpty)
            {
                await HostCollection.ForEachAsync(hosts, phase.MaxParallelism ?? context.Options.Parallelism, async (host, ct) =>
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
                            Interlocked.Increment(ref resumed);
                            context.Observer.HostResumed(phase, host);
                            hostSpan?.SetTag("platform.resumed", true);
                            return;
                        }

                        context.Observer.HostStarted(phase, host);
                        await phase.RunAsync(step, ct).ConfigureAwait(false);
                        journal?.Record(phase.Name, host.Name, fingerprint!);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        error = await HostDownClassifier.ClassifyAsync(host, e).ConfigureAwait(false);
                        phaseFailures.Add(new HostFailure(host.Name, phase.Name, error));
                        hostSpan?.SetStatus(ActivityStatusCode.Error, error.Message);
                    }
                    finally
                    {
                        Interlocked.Add(ref phaseChanges, step.Changes.Count);
                        foreach (var change in step.Changes)
                        {
                            changes.Enqueue(change);
                        }

                        foreach (var warning in step.Warnings)
                        {
                            warnings.Enqueue((host.Name, phase.Name, warning));
                        }

                        hostSpan?.SetTag("platform.changes", step.Changes.Count);
                        context.Observer.HostFinished(phase, host, clock.Elapsed, error);
                    }
                }, cancellationToken).ConfigureAwait(false);
            }

            if (phaseFailures.IsEmpty)
            {
                try
                {
                    await phase.FinishAsync(context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    phaseFailures.Add(new HostFailure(e is Ssh.RemoteCommandException r ? r.Host : "cluster", phase.Name, e));
                }
            }

            failures.AddRange(phaseFailures.OrderBy(f => f.Host, StringComparer.Ordinal));
            span?.SetTag("platform.changes", phaseChanges);
            if (!phaseFailures.IsEmpty)
            {
                span?.SetStatus(ActivityStatusCode.Error, $"{phaseFailures.Count} host(s) failed");
            }

            timings.Add(new PhaseTiming(phase.Name, phase.Title, started.Elapsed, hosts.Count, phaseChanges, phaseFailures.Count, resumed));
            context.Observer.PhaseFinished(phase, started.Elapsed, phaseFailures.Count);
            if (!phaseFailures.IsEmpty)
            {
                break;
            }
        }

        if (failures.Count == 0 && !context.DryRun)
        {
            context.Journal?.Finish();
        }

        run?.SetTag("platform.changes", changes.Count);
        return new DeploymentResult
        {
            DryRun = context.DryRun,
            Changes = changes.ToArray(),
            Timings = timings,
            Failures = failures,
            Warnings = warnings.ToArray(),
        };
    }
}
