namespace Platform.Hosting.Publishing.Models.Monitoring;

/// <summary>A group of rules evaluated together.</summary>
public sealed class RuleGroup
{
    /// <summary>The group name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The rules.</summary>
    public List<AlertingRule> Rules { get; set; } = [];
}
