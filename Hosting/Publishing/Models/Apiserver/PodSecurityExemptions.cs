namespace Platform.Hosting.Publishing.Models.Apiserver;

/// <summary>Users, runtime classes and namespaces PodSecurity admission does not check.</summary>
public sealed class PodSecurityExemptions
{
    /// <summary>Exempt user names.</summary>
    public List<string> Usernames { get; set; } = [];

    /// <summary>Exempt runtime classes.</summary>
    public List<string> RuntimeClasses { get; set; } = [];

    /// <summary>Exempt namespaces.</summary>
    public List<string> Namespaces { get; set; } = [];
}
