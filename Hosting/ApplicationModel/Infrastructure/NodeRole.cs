namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a machine does in the platform.</summary>
public enum NodeRole
{
    /// <summary>Runs etcd, the API server, controller manager and scheduler.</summary>
    ControlPlane,

    /// <summary>Runs workloads: kubelet, containerd, kube-proxy.</summary>
    Worker,

    /// <summary>Runs HAProxy and keepalived in front of the API servers.</summary>
    LoadBalancer,
}
