using System.Globalization;

namespace Platform.Lab.Monitoring;

/// <summary>
/// The lab's only departures from production monitoring, all about time: alerts must fire within seconds of a fault
/// for a test (or a person at the dashboard) to see them, where production waits minutes to ignore blips. The rules'
/// expressions, labels and annotations stay exactly as publish renders them.
/// </summary>
public sealed record LabAlertTiming
{
    /// <summary>Scrape and evaluate every 2 s; an alert holds 10 s before it fires; Alertmanager groups for 1 s.</summary>
    public static LabAlertTiming Default { get; } = new()
    {
        ScrapeInterval = TimeSpan.FromSeconds(2),
        EvaluationInterval = TimeSpan.FromSeconds(2),
        For = TimeSpan.FromSeconds(10),
        GroupWait = TimeSpan.FromSeconds(1),
    };

    /// <summary>How often every target is scraped (its timeout is the same: a stopped machine is down by the next scrape).</summary>
    public required TimeSpan ScrapeInterval { get; init; }

    /// <summary>How often the rules are evaluated.</summary>
    public required TimeSpan EvaluationInterval { get; init; }

    /// <summary>Every alert's <c>for:</c> in the lab, in place of production's minutes.</summary>
    public required TimeSpan For { get; init; }

    /// <summary>Alertmanager's group_wait and group_interval: how long it holds a new alert before notifying.</summary>
    public required TimeSpan GroupWait { get; init; }

    /// <summary>A duration as Prometheus writes it (<c>10s</c>).</summary>
    public static string Duration(TimeSpan value) => ((int)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
}
