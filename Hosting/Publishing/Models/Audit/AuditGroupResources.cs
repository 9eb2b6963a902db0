namespace Platform.Hosting.Publishing.Models.Audit;

/// <summary>Resources of one API group in an audit rule.</summary>
public sealed class AuditGroupResources
{
    /// <summary>The API group; empty for the core group.</summary>
    public string Group { get; set; } = "";

    /// <summary>Resource names (plural), optionally with subresources.</summary>
    public List<string>? Resources { get; set; }
}
