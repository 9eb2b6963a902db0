using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 1: an nftables table per machine opening only what its role needs from the other role subnets.
/// Published for the infrastructure to apply at provisioning; the Deployer does not load it over SSH.
/// </summary>
public sealed class FirewallRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var network = context.Model.Network.Cidr.ToString();
        var subnets = context.Model.NodePools.GroupBy(p => p.Role).ToDictionary(g => g.Key, g => g.Select(p => p.Subnet.Cidr.ToString()).Distinct().ToArray());
        string Of(params NodeRole[] roles) => "{ " + string.Join(", ", roles.SelectMany(r => subnets.GetValueOrDefault(r, [])).Distinct().DefaultIfEmpty(network)) + " }";
        var ingress = context.Model.Find<IngressNginxResource>();
        var storage = context.Model.Find<CsiDriverResource>();

        foreach (var machine in context.Topology.Machines)
        {
            var rules = new StringBuilder();
            void Allow(string from, string proto, string ports, string why) => rules.Append($"        ip saddr {from} {proto} dport {ports} accept comment \"{why}\"\n");
            Allow(network, "tcp", "22", "ssh");
            switch (machine.Role)
            {
                case NodeRole.ControlPlane:
                    Allow(Of(NodeRole.LoadBalancer, NodeRole.ControlPlane, NodeRole.Worker), "tcp", "6443", "kube-apiserver");
                    Allow(Of(NodeRole.ControlPlane), "tcp", "2379-2381", "etcd client, peer, metrics");
                    Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "tcp", "{ 10250, 10257, 10259, 10249 }", "kubelet, controller-manager, scheduler, kube-proxy metrics");
                    Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "tcp", "{ 179, 5473 }", "calico bgp, typha");
                    Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "udp", "4789", "calico vxlan");
                    break;
                case NodeRole.Worker:
                    Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "tcp", "{ 10250, 10249 }", "kubelet, kube-proxy metrics");
                    Allow(Of(NodeRole.LoadBalancer, NodeRole.Worker), "tcp", "30000-32767", "NodePorts (ingress)");
                    Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "tcp", "{ 179, 5473 }", "calico bgp, typha");
                    Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "udp", "4789", "calico vxlan");
                    if (storage is not null)
                    {
                        Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "tcp", "{ 9500, 8500, 8501 }", "longhorn manager and instance managers");
                    }

                    break;
                case NodeRole.LoadBalancer:
                    Allow("0.0.0.0/0", "tcp", ingress is null ? "6443" : "{ 6443, 80, 443 }", "API and ingress through the VIP");
                    Allow(network, "tcp", $"{ApiLoadBalancerResource.StatsPort}", "haproxy stats and metrics");
                    rules.Append($"        ip saddr {Of(NodeRole.LoadBalancer)} ip protocol 112 accept comment \"keepalived\"\n");
                    break;
            }

            Allow(Of(NodeRole.ControlPlane, NodeRole.Worker), "tcp", $"{NodeExporterVersions.Port}", "node_exporter (Prometheus runs in the cluster)");
            yield return Artifact.ForHost(machine, PlatformLayer.Infrastructure, Components.Firewall, "/etc/nftables.d/platform.nft", $$"""
                # {{machine.Name}} ({{machine.Role.ToName()}}): only what this role needs is open.
                table inet platform
                delete table inet platform
                table inet platform {
                    chain input {
                        type filter hook input priority filter; policy drop;
                        ct state established,related accept
                        ct state invalid drop
                        iif "lo" accept
                        ip protocol icmp accept
                        meta l4proto ipv6-icmp accept
                {{rules.ToString().TrimEnd('\n')}}
                    }
                }

                """, mode: "0600");
        }
    }
}
