namespace Platform.Hosting.Publishing.Models.Audit;

/// <summary>One audit rule: matching requests are recorded at <see cref="Level"/>.</summary>
public sealed class AuditRule
{
    /// <summary>None, Metadata, Request or RequestResponse.</summary>
    public string Level { get; set; } = "Metadata";

    /// <summary>Users matched.</summary>
    public List<string>? Users { get; set; }

    /// <summary>Groups matched.</summary>
    public List<string>? UserGroups { get; set; }

    /// <summary>Verbs matched.</summary>
    public List<string>? Verbs { get; set; }

    /// <summary>Resources matched.</summary>
    public List<AuditGroupResources>? Resources { get; set; }

    /// <summary>Namespaces matched.</summary>
    public List<string>? Namespaces { get; set; }

    /// <summary>Non-resource URLs matched (/healthz*).</summary>
    public List<string>? NonResourceURLs { get; set; }
}
