namespace Platform.Deployer.Phases;

/// <summary>The order of a deployment, read top to bottom. Each phase gathers facts and applies only what differs.</summary>
public static class Pipeline
{
    /// <summary>The phases.</summary>
    public static IReadOnlyList<IPhase> Phases { get; } =
    [
        new ConnectPhase(),             // SSH to every host, host keys verified
        new DetectOsPhase(),            // /etc/os-release → configurer
        new GatherFactsPhase(),         // one round trip per host
        new ValidateHostsPhase(),       // facts against the model
        new PrepareOsPhase(),           // packages, swap, modules, sysctls, chrony, sshd, node_exporter
        new EtcdPhase(),                // etcd cluster with TLS on the control planes
        new LoadBalancerPhase(),        // HAProxy + keepalived VIP
        new KubernetesPackagesPhase(),  // containerd, kubeadm/kubelet/kubectl held
        new InitControlPlanePhase(),    // kubeadm init on the first control plane
        new JoinControlPlanesPhase(),   // the other control planes
        new JoinWorkersPhase(),         // the workers
        new CniPhase(),                 // Helm controller + Calico, nodes Ready
        new AddOnsPhase(),              // everything else, through HelmCharts
        new VerifyPhase(),              // health checks
    ];
}
