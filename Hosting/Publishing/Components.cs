namespace Platform.Hosting.Publishing;

/// <summary>
/// The component names artifacts carry in index.json. The Deployer's phases select host files by these
/// names, so renderers and phases share this one vocabulary.
/// </summary>
public static class Components
{
    /// <summary>cloud-init and netplan per machine; the network plan (layer 1).</summary>
    public const string Machines = "machines";

    /// <summary>Firewall rules between role subnets (layer 1).</summary>
    public const string Firewall = "firewall";

    /// <summary>sysctls, kernel modules, unattended upgrades (layer 2).</summary>
    public const string OperatingSystem = "os";

    /// <summary>chrony (layer 2).</summary>
    public const string TimeSync = "time-sync";

    /// <summary>sshd hardening (layer 2).</summary>
    public const string Sshd = "sshd";

    /// <summary>kubeadm Init/Cluster/Join configuration with kubelet and kube-proxy configuration (layer 3).</summary>
    public const string Kubeadm = "kubeadm";

    /// <summary>etcd unit and configuration (layer 3).</summary>
    public const string Etcd = "etcd";

    /// <summary>The Helm controller's CRDs and Deployment (layer 3).</summary>
    public const string HelmController = "helm-controller";

    /// <summary>containerd configuration and crictl (layer 4).</summary>
    public const string Containerd = "containerd";

    /// <summary>The pkgs.k8s.io apt source and the version pin of kubeadm/kubelet/kubectl (layer 4).</summary>
    public const string KubernetesPackages = "kubernetes-packages";

    /// <summary>The CNI (layer 5); the artifact's component is the CNI's name (calico or flannel).</summary>
    public const string Calico = "calico";

    /// <summary>Flannel (layer 5).</summary>
    public const string Flannel = "flannel";

    /// <summary>ingress-nginx (layer 5).</summary>
    public const string IngressNginx = "ingress-nginx";

    /// <summary>Longhorn CSI driver (layer 6).</summary>
    public const string Longhorn = "longhorn";

    /// <summary>StorageClasses and the example PVC (layer 6).</summary>
    public const string StorageClasses = "storage-classes";

    /// <summary>RBAC roles and bindings (layer 7).</summary>
    public const string Rbac = "rbac";

    /// <summary>OIDC login: kubeconfig template for users (layer 7).</summary>
    public const string Oidc = "oidc";

    /// <summary>The API audit policy (layer 7).</summary>
    public const string AuditPolicy = "audit-policy";

    /// <summary>The API server's admission configuration: the cluster-wide PodSecurity defaults.</summary>
    public const string PodSecurity = "pod-security";

    /// <summary>The API server's encryption configuration (secrets at rest).</summary>
    public const string Encryption = "encryption";

    /// <summary>Default-deny NetworkPolicies (layer 7).</summary>
    public const string NetworkPolicies = "network-policies";

    /// <summary>cert-manager and its ClusterIssuers (layer 7).</summary>
    public const string CertManager = "cert-manager";

    /// <summary>kube-prometheus-stack (layer 8).</summary>
    public const string Prometheus = "prometheus";

    /// <summary>Prometheus alert rule files (layer 8).</summary>
    public const string AlertRules = "alert-rules";

    /// <summary>Grafana and its dashboards (layer 8).</summary>
    public const string Grafana = "grafana";

    /// <summary>node_exporter on every machine (layer 8).</summary>
    public const string NodeExporter = "node-exporter";

    /// <summary>ECK operator and the Elasticsearch object (layer 8).</summary>
    public const string Elasticsearch = "elasticsearch";

    /// <summary>Kibana (layer 8).</summary>
    public const string Kibana = "kibana";

    /// <summary>Fluent Bit (layer 8).</summary>
    public const string FluentBit = "fluent-bit";

    /// <summary>HAProxy on the load balancers (layer 9).</summary>
    public const string HaProxy = "haproxy";

    /// <summary>keepalived on the load balancers (layer 9).</summary>
    public const string Keepalived = "keepalived";

    /// <summary>metrics-server (layer 9).</summary>
    public const string MetricsServer = "metrics-server";

    /// <summary>Cluster Autoscaler (layer 9).</summary>
    public const string ClusterAutoscaler = "cluster-autoscaler";

    /// <summary>The HPA example workload (layer 9).</summary>
    public const string Hpa = "hpa";

    /// <summary>etcd snapshot timer, script and restore script (layer 10).</summary>
    public const string EtcdSnapshots = "etcd-snapshots";

    /// <summary>Velero and its schedules (layer 10).</summary>
    public const string Velero = "velero";
}
