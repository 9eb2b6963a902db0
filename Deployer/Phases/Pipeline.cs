namespace Platform.Deployer.Phases;

/// <summary>
/// A deployment, read top to bottom: each phase with the phases it needs. Phases whose needs are met run side
/// by side (etcd and the load balancers on different hosts); a host still does one phase at a time.
/// </summary>
public static class Pipeline
{
    /// <summary>Every phase with its dependencies, in an order that satisfies them.</summary>
    public static IReadOnlyList<PipelinePhase> Graph { get; } =
    [
        new(new ConnectPhase()),                                             // SSH to every host, host keys verified
        new(new DetectOsPhase(), "connect"),                                 // /etc/os-release → configurer
        new(new GatherFactsPhase(), "os"),                                   // one round trip per host; the script needs a known OS
        new(new ValidateHostsPhase(), "facts"),                              // facts against the model
        new(new PrepareOsPhase(), "validate"),                               // packages, swap, modules, sysctls, chrony, sshd, node_exporter
        new(new EtcdPhase(), "prepare"),                                     // etcd with TLS on the control planes
        new(new LoadBalancerPhase(), "prepare"),                             // HAProxy + keepalived VIP on the load balancers
        new(new KubernetesPackagesPhase(), "prepare"),                       // containerd, kubeadm/kubelet/kubectl held (swap off, modules first)
        new(new InitControlPlanePhase(), "etcd", "load-balancer", "kubernetes-packages"), // external etcd, the VIP as endpoint, kubeadm
        new(new ApiServerEtcdPhase(), "init"),                               // API servers and kubeadm-config name today's etcd members
        new(new JoinControlPlanesPhase(), "api-server-etcd"),                // the other control planes, one at a time
        new(new JoinWorkersPhase(), "init"),                                 // the workers, through the VIP
        new(new CniPhase(), "join-control-planes", "join-workers"),          // Helm controller + Calico, then every node Ready
        new(new AddOnsPhase(), "cni"),                                       // everything else, through HelmCharts
        new(new VerifyPhase(), "addons"),                                    // health checks of all of the above
    ];

    /// <summary>The phases, in the order of <see cref="Graph"/>.</summary>
    public static IReadOnlyList<IPhase> Phases { get; } = [.. Graph.Select(p => p.Phase)];
}
