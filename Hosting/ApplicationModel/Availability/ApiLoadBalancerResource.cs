namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// HAProxy + keepalived on the load-balancer pool: a virtual IP in front of every API server on 6443,
/// and of the ingress NodePorts on 80/443 (layer 9).
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="pool">The load-balancer machines.</param>
/// <param name="parent">The cluster.</param>
public sealed class ApiLoadBalancerResource(string name, NodePoolResource pool, KubernetesClusterResource parent) : PlatformResource(name), IResourceWithParent<KubernetesClusterResource>
{
    /// <inheritdoc />
    public override string? DeployedFrom => "HAProxy + keepalived";

    /// <summary>The machines HAProxy and keepalived run on.</summary>
    public NodePoolResource Pool { get; } = pool;

    /// <inheritdoc />
    public KubernetesClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Availability;

    /// <summary>The virtual IP and VRRP settings.</summary>
    public VirtualIpAnnotation VirtualIp => this.GetRequiredAnnotation<VirtualIpAnnotation>();

    /// <summary>The API server port, on the VIP and on every control plane.</summary>
    public const int ApiServerPort = 6443;

    /// <summary>HAProxy's stats page (/stats) and health check (/healthz): the load balancers and admin sources only.</summary>
    public const int StatsPort = 8404;

    /// <summary>HAProxy's Prometheus endpoint (/metrics only), open to the cluster's nodes where Prometheus runs.</summary>
    public const int MetricsPort = 8405;
}
