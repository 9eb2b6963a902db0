using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults;

/// <summary>The activity sources and meters Platform's own code emits; ServiceDefaults subscribes to all of them.</summary>
public static class PlatformTelemetry
{
    /// <summary>The prefix every Platform source and meter name starts with.</summary>
    public const string Prefix = "Platform";

    /// <summary>Spans per deploy phase and per host.</summary>
    public static readonly ActivitySource Deployer = new("Platform.Deployer");

    /// <summary>Spans for lab start-up and teardown.</summary>
    public static readonly ActivitySource Lab = new("Platform.Lab");

    /// <summary>Spans for publish.</summary>
    public static readonly ActivitySource Publish = new("Platform.Publish");

    /// <summary>Counters and histograms (phase durations, changes applied).</summary>
    public static readonly Meter Meter = new("Platform");

    /// <summary>Every source name, for exporters and tests that listen.</summary>
    public static IReadOnlyList<string> SourceNames { get; } = [Deployer.Name, Lab.Name, Publish.Name];
}
