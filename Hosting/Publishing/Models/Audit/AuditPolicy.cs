namespace Platform.Hosting.Publishing.Models.Audit;

/// <summary>audit.k8s.io/v1 Policy: which requests the API server records, at which level.</summary>
public sealed class AuditPolicy
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "audit.k8s.io/v1";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "Policy";

    /// <summary>Stages never recorded.</summary>
    public List<string>? OmitStages { get; set; }

    /// <summary>Rules; the first match decides.</summary>
    public List<AuditRule> Rules { get; set; } = [];
}
