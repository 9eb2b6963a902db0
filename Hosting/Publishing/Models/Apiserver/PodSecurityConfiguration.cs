namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>pod-security.admission.config.k8s.io/v1 PodSecurityConfiguration: the levels for namespaces without labels, and who is exempt.</summary>
public sealed class PodSecurityConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "pod-security.admission.config.k8s.io/v1";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "PodSecurityConfiguration";

    /// <summary>enforce / audit / warn and their -version keys.</summary>
    public Dictionary<string, string> Defaults { get; set; } = [];

    /// <summary>What the defaults do not apply to.</summary>
    public PodSecurityExemptions Exemptions { get; set; } = new();
}
