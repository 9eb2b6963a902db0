namespace Aspire.Hosting.ApplicationModel;

/// <summary>Where etcd is installed from.</summary>
public enum EtcdSource
{
    /// <summary>The upstream release archive, pinned by version and SHA-256 (<see cref="EtcdVersions"/>).</summary>
    UpstreamRelease,

    /// <summary>The distribution's package (etcd-server), for machines that cannot reach GitHub.</summary>
    DistroPackage,
}
