namespace Platform.Hosting.Publishing.Models.Monitoring;

/// <summary>One alert: when <see cref="Expr"/> has results for <see cref="For"/>, it fires.</summary>
public sealed class AlertingRule
{
    /// <summary>The alert name.</summary>
    public string Alert { get; set; } = "";

    /// <summary>The PromQL expression.</summary>
    public string Expr { get; set; } = "";

    /// <summary>How long it must hold before firing.</summary>
    public string? For { get; set; }

    /// <summary>Labels (severity).</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Annotations (summary, description).</summary>
    public Dictionary<string, string> Annotations { get; set; } = [];
}
