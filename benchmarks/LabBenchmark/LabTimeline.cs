using System.Diagnostics;
using System.Globalization;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.LabBenchmark;

/// <summary>When each part of one lab's start finished, in seconds since its start: machines up, each Deployer phase, ready.</summary>
public sealed class LabTimeline(bool verbose) : DeploymentObserver
{
    private readonly Stopwatch _clock = new();
    private readonly List<(string Part, double Seconds)> _parts = [];
    private double _last;

    /// <summary>The parts in order, each with the seconds it took.</summary>
    public IReadOnlyList<(string Part, double Seconds)> Parts => _parts;

    /// <summary>Seconds from the start until the lab was ready (0 until then).</summary>
    public double ReadySeconds { get; private set; }

    /// <summary>Starts the clock.</summary>
    public void Start() => _clock.Start();

    /// <summary>A progress line of the lab; printed with its time when verbose.</summary>
    public void Line(string line)
    {
        if (verbose)
        {
            Console.WriteLine($"  [{_clock.Elapsed.TotalSeconds,5:0.0} s] {line}");
        }
    }

    /// <summary>The readiness probe passed: the clock stops.</summary>
    public void Ready()
    {
        ReadySeconds = _clock.Elapsed.TotalSeconds;
        Mark("probe", ReadySeconds - _last);
    }

    /// <inheritdoc />
    public override void PhaseStarted(IPhase phase, IReadOnlyList<DeployHost> hosts)
    {
        if (_parts.Count == 0)
        {
            Mark("machines up", _clock.Elapsed.TotalSeconds);
        }
    }

    /// <inheritdoc />
    public override void ChangeRecorded(Change change, bool applied) => Line($"{change.Host}: [{change.Phase}] {change.Description}");

    /// <inheritdoc />
    public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error)
        => Line($"{host.Name}: [{phase.Name}] done in {duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s{(error is null ? "" : ": " + error.Message)}");

    /// <inheritdoc />
    public override void PhaseFinished(IPhase phase, TimeSpan duration, int failures) => Mark(phase.Name, duration.TotalSeconds);

    /// <summary>"machines up 9.8 s, connect 0.3 s, ..." for one line.</summary>
    public override string ToString() => string.Join(", ", _parts.Select(p => $"{p.Part} {p.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s"));

    private void Mark(string part, double seconds)
    {
        lock (_parts)
        {
            _parts.Add((part, seconds));
            _last = _clock.Elapsed.TotalSeconds;
        }
    }
}
