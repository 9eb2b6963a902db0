namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>apiserver.config.k8s.io/v1 AdmissionConfiguration: settings of the API server's admission plugins.</summary>
public sealed class AdmissionConfiguration
{
    /// <summary>The API version.</summary>
    public string ApiVersion { get; set; } = "apiserver.config.k8s.io/v1";

    /// <summary>The kind.</summary>
    public string Kind { get; set; } = "AdmissionConfiguration";

    /// <summary>One entry per configured plugin.</summary>
    public List<AdmissionPlugin> Plugins { get; set; } = [];
}
