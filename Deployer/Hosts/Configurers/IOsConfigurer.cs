namespace Platform.Deployer.Hosts.Configurers;

/// <summary>What differs between operating systems, chosen from /etc/os-release.</summary>
public interface IOsConfigurer
{
    /// <summary>A display name, for example "Ubuntu 24.04".</summary>
    string Name { get; }

    /// <summary>True when this configurer handles the os-release ID and VERSION_ID.</summary>
    bool Supports(string id, string versionId);

    /// <summary>The command that installs packages non-interactively (pinned versions as name=version).</summary>
    string InstallPackages(IEnumerable<string> packages);

    /// <summary>The command that releases holds on and purges packages, configuration included (what a reset does with the platform's).</summary>
    string PurgePackages(IEnumerable<string> packages);

    /// <summary>The command that refreshes package lists.</summary>
    string UpdatePackageLists { get; }

    /// <summary>The etcd server package of the distribution.</summary>
    string EtcdServerPackage { get; }

    /// <summary>The etcdctl package of the distribution.</summary>
    string EtcdClientPackage { get; }
}
