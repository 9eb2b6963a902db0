namespace Platform.Deployer.Hosts.Configurers;

/// <summary>Debian 12, supported because it is what test machines built on a Debian host run.</summary>
public sealed class DebianConfigurer : AptConfigurer
{
    /// <inheritdoc />
    public override string Name => "Debian 12";

    /// <inheritdoc />
    public override bool Supports(string id, string versionId) => id == "debian" && versionId == "12";
}
