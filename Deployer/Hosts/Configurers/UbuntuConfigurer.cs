namespace Platform.Deployer.Hosts.Configurers;

/// <summary>Ubuntu 24.04 LTS, the production target.</summary>
public sealed class UbuntuConfigurer : AptConfigurer
{
    /// <inheritdoc />
    public override string Name => "Ubuntu 24.04";

    /// <inheritdoc />
    public override bool Supports(string id, string versionId) => id == "ubuntu" && versionId == "24.04";
}
