namespace Platform.Hosting.Publishing.Models.Kubeadm;

/// <summary>The etcd kubeadm uses.</summary>
public sealed class EtcdConfiguration
{
    /// <summary>An etcd cluster kubeadm does not manage.</summary>
    public ExternalEtcd? External { get; set; }
}
