namespace Platform.Deployer.Hosts.Configurers;

/// <summary>
/// Debian 13 (the lab's machines: its etcd is 3.5 with etcdutl, as production runs) and Debian 12, supported
/// because test machines are built on a Debian host; production targets Ubuntu 24.04.
/// </summary>
/// <param name="version">The os-release VERSION_ID it handles.</param>
public sealed class DebianConfigurer(string version = DebianConfigurer.Lab) : AptConfigurer
{
    /// <summary>The version the lab's machine image runs.</summary>
    public const string Lab = "13";

    /// <inheritdoc />
    public override string Name => $"Debian {version}";

    /// <inheritdoc />
    public override bool Supports(string id, string versionId) => id == "debian" && versionId == version;
}
