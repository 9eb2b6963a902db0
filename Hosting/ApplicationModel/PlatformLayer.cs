namespace Aspire.Hosting.ApplicationModel;

/// <summary>The ten layers of the platform, numbered as in ARCHITECTURE.md.</summary>
public enum PlatformLayer
{
    /// <summary>VMs, the private network and its subnets.</summary>
    Infrastructure = 1,

    /// <summary>Ubuntu 24.04: packages, patches, sysctls, kernel modules, time, sshd.</summary>
    OperatingSystem = 2,

    /// <summary>kubeadm control plane and etcd.</summary>
    ControlPlane = 3,

    /// <summary>kubelet, containerd and kube-proxy.</summary>
    Workers = 4,

    /// <summary>CNI and ingress.</summary>
    Networking = 5,

    /// <summary>CSI driver, storage classes, PV/PVC.</summary>
    Storage = 6,

    /// <summary>RBAC, OIDC, audit, network policies, TLS.</summary>
    Security = 7,

    /// <summary>Prometheus, Grafana, Elasticsearch, Kibana, Fluent Bit.</summary>
    Observability = 8,

    /// <summary>API VIP, HPA, cluster autoscaler.</summary>
    Availability = 9,

    /// <summary>etcd snapshots and PV backups.</summary>
    Backup = 10,
}
