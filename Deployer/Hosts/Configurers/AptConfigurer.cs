using Platform.Deployer.Ssh;

namespace Platform.Deployer.Hosts.Configurers;

/// <summary>Behaviour shared by apt-based systems.</summary>
public abstract class AptConfigurer : IOsConfigurer
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract bool Supports(string id, string versionId);

    /// <inheritdoc />
    public string InstallPackages(IEnumerable<string> packages)
        // policy-rc.d keeps packages from starting services with their default config (etcd would form a
        // one-node cluster); the phases start services once their configuration is in place.
        => "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && " +
           "trap 'rm -f /usr/sbin/policy-rc.d' EXIT && " +
           // A machine that went down mid-install leaves dpkg half-configured; finish that first.
           "DEBIAN_FRONTEND=noninteractive dpkg --configure -a && " +
           $"DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold {Shell.Join(packages)}";

    /// <inheritdoc />
    public string PurgePackages(IEnumerable<string> packages)
        // dpkg --purge after apt: a package a stopped purge left with only its configuration (rc) is not always taken by apt.
        => $"apt-mark unhold {Shell.Join(packages)} >/dev/null && DEBIAN_FRONTEND=noninteractive dpkg --configure -a && DEBIAN_FRONTEND=noninteractive apt-get purge -y -q {Shell.Join(packages)} && DEBIAN_FRONTEND=noninteractive dpkg --purge {Shell.Join(packages)}";

    /// <inheritdoc />
    public string UpdatePackageLists => "DEBIAN_FRONTEND=noninteractive apt-get update -q";

    /// <inheritdoc />
    public virtual string EtcdServerPackage => "etcd-server";

    /// <inheritdoc />
    public virtual string EtcdClientPackage => "etcd-client";
}
