using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.ServiceDefaults;

namespace Platform.Deployer.Phases;

/// <summary>
/// What one plan or apply has done so far, safe to add to from phases running side by side; its span is the
/// parent of every phase span, also when each phase runs in its own Aspire pipeline step.
/// </summary>
public sealed class DeploymentRun : IDisposable
{
    private readonly ConcurrentQueue<Change> _changes = new();
    private readonly ConcurrentQueue<(string, string, string)> _warnings = new();
    private readonly ConcurrentQueue<PhaseTiming> _timings = new();
    private readonly ConcurrentQueue<HostFailure> _failures = new();
    private readonly Activity? _span;
    private readonly DeploymentContext _context;

    /// <summary>Starts a run of <paramref name="context"/>.</summary>
    public DeploymentRun(DeploymentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        DryRun = context.DryRun;
        _context = context;
        // A root span: steps of an Aspire pipeline run in unrelated async flows.
        _span = PlatformTelemetry.Deployer.StartActivity(DryRun ? "deploy plan" : "deploy apply", ActivityKind.Internal, parentContext: default);
        _span?.SetTag("platform.cluster", context.Model.Cluster.Name);
        _span?.SetTag("platform.hosts", context.Hosts.Count);
    }

    /// <summary>True for plan.</summary>
    public bool DryRun { get; }

    /// <summary>The span phases of this run belong to.</summary>
    public ActivityContext SpanContext => _span?.Context ?? default;

    /// <summary>True when a phase failed so far.</summary>
    public bool HasFailed => !_failures.IsEmpty;

    /// <summary>The failures so far.</summary>
    public IReadOnlyList<HostFailure> Failures => [.. _failures];

    internal void Add(Change change) => _changes.Enqueue(change);

    internal void AddWarning(string host, string phase, string message) => _warnings.Enqueue((host, phase, message));

    internal void Add(PhaseTiming timing) => _timings.Enqueue(timing);

    internal void Add(IEnumerable<HostFailure> failures)
    {
        foreach (var failure in failures.OrderBy(f => f.Host, StringComparer.Ordinal))
        {
            _failures.Enqueue(failure);
        }
    }

    /// <summary>The result so far.</summary>
    public DeploymentResult ToResult()
    {
        var result = new DeploymentResult
        {
            DryRun = DryRun,
            Changes = [.. _changes],
            Timings = [.. _timings],
            Failures = [.. _failures],
            Warnings = [.. _warnings],
            Contacted = [.. _context.Hosts.Where(h => h.Contacted).Select(h => h.Name)],
        };
        _span?.SetTag("platform.changes", result.Changes.Count);
        return result;
    }

    /// <summary>Ends the run's span, marked failed when a phase failed.</summary>
    public void Dispose()
    {
        if (HasFailed)
        {
            _span?.SetStatus(ActivityStatusCode.Error, $"{_failures.Count} host(s) failed");
        }

        _span?.Dispose();
    }
}
