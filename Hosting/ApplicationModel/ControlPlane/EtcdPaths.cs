namespace Aspire.Hosting.ApplicationModel;

/// <summary>Where etcd's files live on a control plane. The renderers and the Deployer's PKI share these.</summary>
public static class EtcdPaths
{
    /// <summary>The etcd configuration folder.</summary>
    public const string ConfigDirectory = "/etc/etcd";

    /// <summary>The environment file the unit reads (ETCD_* variables, understood by etcd 3.4 and 3.5).</summary>
    public const string EnvironmentFile = "/etc/etcd/etcd.env";

    /// <summary>
    /// Read after <see cref="EnvironmentFile"/> when present: a member replacing a lost one joins the running cluster
    /// (ETCD_INITIAL_CLUSTER_STATE=existing) instead of forming a new one. Removed once it has joined.
    /// </summary>
    public const string JoinEnvironmentFile = "/etc/etcd/join.env";

    /// <summary>The systemd unit; it overrides a distribution package's unit of the same name.</summary>
    public const string Unit = "/etc/systemd/system/etcd.service";

    /// <summary>The data folder.</summary>
    public const string DataDirectory = "/var/lib/etcd/data";

    /// <summary>The PKI folder (0700).</summary>
    public const string PkiDirectory = "/etc/etcd/pki";

    /// <summary>The etcd CA certificate (trusted for clients and peers).</summary>
    public const string CaCertificate = "/etc/etcd/pki/ca.crt";

    /// <summary>The member's server certificate.</summary>
    public const string ServerCertificate = "/etc/etcd/pki/server.crt";

    /// <summary>The member's server key.</summary>
    public const string ServerKey = "/etc/etcd/pki/server.key";

    /// <summary>The member's peer certificate.</summary>
    public const string PeerCertificate = "/etc/etcd/pki/peer.crt";

    /// <summary>The member's peer key.</summary>
    public const string PeerKey = "/etc/etcd/pki/peer.key";

    /// <summary>A client certificate for etcdctl, health checks and snapshots on the node.</summary>
    public const string AdminClientCertificate = "/etc/etcd/pki/admin-client.crt";

    /// <summary>Its key.</summary>
    public const string AdminClientKey = "/etc/etcd/pki/admin-client.key";

    /// <summary>The API server's etcd client certificate (kubeadm's conventional path).</summary>
    public const string ApiServerClientCertificate = "/etc/kubernetes/pki/apiserver-etcd-client.crt";

    /// <summary>Its key.</summary>
    public const string ApiServerClientKey = "/etc/kubernetes/pki/apiserver-etcd-client.key";
}
