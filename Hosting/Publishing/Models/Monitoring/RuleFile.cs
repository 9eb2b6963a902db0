namespace Platform.Hosting.Publishing.Models.Monitoring;

/// <summary>A Prometheus rule file (what <c>promtool check rules</c> reads) and the spec of a PrometheusRule.</summary>
public sealed class RuleFile
{
    /// <summary>The rule groups.</summary>
    public List<RuleGroup> Groups { get; set; } = [];
}
