namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>An admission plugin and its configuration.</summary>
public sealed class AdmissionPlugin
{
    /// <summary>The plugin's name (for example PodSecurity).</summary>
    public string Name { get; set; } = "";

    /// <summary>Its configuration object.</summary>
    public PodSecurityConfiguration? Configuration { get; set; }
}
