using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.ServiceDefaults;

namespace Platform.Deployer.Phases;

/// <summary>The Deployer's metrics on <see cref="PlatformTelemetry.Meter"/>.</summary>
public static class DeployerMetrics
{
    /// <summary>Seconds a phase took on all its hosts; tags phase, outcome (succeeded, failed).</summary>
    public const string PhaseDurationName = "platform.deployer.phase.duration";

    /// <summary>Seconds one host took in one phase; tags phase, host.</summary>
    public const string HostStepDurationName = "platform.deployer.host_step.duration";

    /// <summary>Changes planned or made; tags phase, host, applied.</summary>
    public const string ChangesName = "platform.deployer.changes";

    /// <summary>Host steps (or a phase's cluster-wide work) that failed; tags phase, host, retryable.</summary>
    public const string FailuresName = "platform.deployer.failures";

    private static readonly Histogram<double> PhaseDuration = PlatformTelemetry.Meter.CreateHistogram<double>(PhaseDurationName, "s", "How long a deploy phase took on all its hosts.");
    private static readonly Histogram<double> HostStepDuration = PlatformTelemetry.Meter.CreateHistogram<double>(HostStepDurationName, "s", "How long one host took in one deploy phase.");
    private static readonly Counter<long> Changes = PlatformTelemetry.Meter.CreateCounter<long>(ChangesName, "{change}", "Changes planned (applied=false) or made (applied=true).");
    private static readonly Counter<long> Failures = PlatformTelemetry.Meter.CreateCounter<long>(FailuresName, "{failure}", "Hosts that failed a deploy phase.");

    internal static void PhaseFinished(string phase, TimeSpan duration, bool failed)
        => PhaseDuration.Record(duration.TotalSeconds, new TagList { { "phase", phase }, { "outcome", failed ? "failed" : "succeeded" } });

    internal static void HostStepFinished(string phase, string host, TimeSpan duration)
        => HostStepDuration.Record(duration.TotalSeconds, new TagList { { "phase", phase }, { "host", host } });

    internal static void ChangesRecorded(string phase, string host, int count, bool applied)
    {
        if (count > 0)
        {
            Changes.Add(count, new TagList { { "phase", phase }, { "host", host }, { "applied", applied } });
        }
    }

    internal static void Failed(HostFailure failure)
        => Failures.Add(1, new TagList { { "phase", failure.Phase }, { "host", failure.Host }, { "retryable", failure.Retryable } });
}
