namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Longhorn release.</summary>
public static class LonghornVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://charts.longhorn.io", "longhorn", "1.6.2");

    /// <summary>The namespace Longhorn installs into (its node agents need the host: privileged PodSecurity).</summary>
    public const string Namespace = "longhorn-system";

    /// <summary>The CSI provisioner name.</summary>
    public const string Provisioner = "driver.longhorn.io";

    /// <summary>Host packages Longhorn needs on every worker (iSCSI initiator, NFS client for RWX volumes).</summary>
    public static IReadOnlyList<string> HostPackages { get; } = ["open-iscsi", "nfs-common"];
}
