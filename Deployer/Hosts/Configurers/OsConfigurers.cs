namespace Platform.Deployer.Hosts.Configurers;

/// <summary>The supported operating systems.</summary>
public static class OsConfigurers
{
    /// <summary>Every configurer.</summary>
    public static IReadOnlyList<IOsConfigurer> All { get; } = [new UbuntuConfigurer(), new DebianConfigurer(DebianConfigurer.Lab), new DebianConfigurer("12")];

    /// <summary>The configurer for an os-release ID and VERSION_ID, or null when unsupported.</summary>
    public static IOsConfigurer? For(string id, string versionId) => All.FirstOrDefault(c => c.Supports(id, versionId));
}
