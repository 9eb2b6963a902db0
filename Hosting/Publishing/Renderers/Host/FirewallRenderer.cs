using System.Net;
using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 1: an nftables table per machine opening only what its role needs from the other role subnets, the pod
/// network and the admin sources, and a unit that loads it at boot. The file replaces the table in one transaction
/// (<c>nft -f</c>); the prepare phase applies it, undoing it unless a new SSH login from the deployer still works.
/// </summary>
public sealed class FirewallRenderer : IArtifactRenderer
{
    /// <summary>The ruleset file.</summary>
    public const string RulesetPath = "/etc/nftables.d/platform.nft";

    /// <summary>The unit that loads it at boot.</summary>
    public const string UnitName = "platform-firewall.service";

    /// <summary>The nftables table (only this table is touched; kube-proxy's and Calico's stay theirs).</summary>
    public const string Table = "inet platform";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var network = context.Model.Network;
        var subnets = context.Model.NodePools.GroupBy(p => p.Role).ToDictionary(g => g.Key, g => g.Select(p => p.Subnet.Cidr).Distinct().ToArray());
        var pods = context.Model.Find<KubernetesClusterResource>()?.ClusterNetwork.PodCidr is { } podCidr ? new[] { podCidr } : [];
        var admin = network.AdminSources.ToArray();
        IPNetwork[] Of(params NodeRole[] roles) => [.. roles.SelectMany(r => subnets.GetValueOrDefault(r, []))];
        var nodes = Of(NodeRole.ControlPlane, NodeRole.Worker);
        var ingress = context.Model.Find<IngressNginxResource>();
        var storage = context.Model.Find<CsiDriverResource>();

        foreach (var machine in context.Topology.Machines)
        {
            var rules = new StringBuilder();
            void Allow(IEnumerable<IPNetwork> from, string proto, string ports, string why)
            {
                var sources = from.Distinct().Select(n => n.ToString()).ToList();
                if (sources.Count > 0)
                {
                    rules.Append($"        ip saddr {{ {string.Join(", ", sources)} }} {proto} dport {ports} accept comment \"{why}\"\n");
                }
            }

            Allow([network.Cidr, .. admin], "tcp", "22", "ssh from the private network and admin sources");
            switch (machine.Role)
            {
                case NodeRole.ControlPlane:
                    Allow([.. Of(NodeRole.LoadBalancer, NodeRole.ControlPlane, NodeRole.Worker), .. pods], "tcp", "6443", "kube-apiserver");
                    Allow([.. Of(NodeRole.ControlPlane), .. admin], "tcp", $"{EtcdClusterResource.ClientPort}", "etcd clients (TLS with client certificates)");
                    Allow(Of(NodeRole.ControlPlane), "tcp", $"{EtcdClusterResource.PeerPort}", "etcd peers");
                    Allow([.. nodes, .. pods, .. admin], "tcp", $"{EtcdClusterResource.MetricsPort}", "etcd /metrics for Prometheus in the cluster");
                    Allow([.. nodes, .. pods], "tcp", "10250", "kubelet");
                    Allow(nodes, "tcp", "{ 179, 5473 }", "calico bgp, typha");
                    Allow(nodes, "udp", "4789", "calico vxlan");
                    break;
                case NodeRole.Worker:
                    Allow([.. nodes, .. pods], "tcp", "10250", "kubelet");
                    Allow(Of(NodeRole.LoadBalancer, NodeRole.Worker), "tcp", "30000-32767", "NodePorts (ingress)");
                    Allow(nodes, "tcp", "{ 179, 5473 }", "calico bgp, typha");
                    Allow(nodes, "udp", "4789", "calico vxlan");
                    if (storage is not null)
                    {
                        Allow(nodes, "tcp", "{ 9500, 8500, 8501 }", "longhorn manager and instance managers");
                    }

                    break;
                case NodeRole.LoadBalancer:
                    Allow([IPNetwork.Parse("0.0.0.0/0")], "tcp", ingress is null ? "6443" : "{ 6443, 80, 443 }", "API and ingress through the VIP");
                    Allow([.. Of(NodeRole.LoadBalancer), .. admin], "tcp", $"{ApiLoadBalancerResource.StatsPort}", "haproxy stats and /healthz");
                    Allow([.. nodes, .. admin], "tcp", $"{ApiLoadBalancerResource.MetricsPort}", "haproxy /metrics for Prometheus");
                    rules.Append($"        ip saddr {{ {string.Join(", ", Of(NodeRole.LoadBalancer).Select(n => n.ToString()))} }} ip protocol 112 accept comment \"keepalived\"\n");
                    break;
            }

            Allow([.. nodes, .. pods, .. admin, context.Model.OfType<SubnetResource>().Single(s => s.Name == machine.Subnet).Cidr], "tcp", $"{NodeExporterVersions.Port}", "node_exporter: Prometheus in the cluster, and the machine's own subnet");
            yield return Artifact.ForHost(machine, PlatformLayer.Infrastructure, Components.Firewall, RulesetPath, $$"""
                # {{machine.Name}} ({{machine.Role.ToName()}}): only what this role needs is open. Loaded with nft -f: the
                # first two lines make the table exist, then delete it, so the whole file replaces it in one transaction.
                table {{Table}}
                delete table {{Table}}
                table {{Table}} {
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
            yield return Artifact.ForHost(machine, PlatformLayer.Infrastructure, Components.Firewall, $"/etc/systemd/system/{UnitName}", $"""
                # Loads {RulesetPath} at boot, before the network comes up; stopping it removes only the table {Table}.
                [Unit]
                Description=Platform firewall (nftables table {Table})
                DefaultDependencies=no
                Wants=network-pre.target
                Before=network-pre.target shutdown.target
                Conflicts=shutdown.target

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=/usr/sbin/nft -f {RulesetPath}
                ExecReload=/usr/sbin/nft -f {RulesetPath}
                ExecStop=/usr/sbin/nft delete table {Table}

                [Install]
                WantedBy=sysinit.target

                """);
        }
    }
}
