namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned etcd release (the one kubeadm 1.30 itself defaults to).</summary>
public static class EtcdVersions
{
    /// <summary>The etcd version.</summary>
    public const string Version = "3.5.12";

    /// <summary>The release archive for linux-amd64.</summary>
    public const string ArchiveUrl = $"https://github.com/etcd-io/etcd/releases/download/v{Version}/etcd-v{Version}-linux-amd64.tar.gz";

    /// <summary>The archive's SHA-256, checked before anything is unpacked.</summary>
    public const string ArchiveSha256 = "f2ff0cb43ce119f55a85012255609b61c64263baea83aa7c8e6846c0938adca5";

    /// <summary>Where the upstream binaries are installed.</summary>
    public const string UpstreamBinDirectory = "/usr/local/bin";

    /// <summary>Where distribution packages put them.</summary>
    public const string DistroBinDirectory = "/usr/bin";
}
