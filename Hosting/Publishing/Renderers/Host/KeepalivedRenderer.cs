using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 9: keepalived on the load balancers. The VIP lives on the highest-priority machine whose HAProxy
/// answers /healthz; VRRP goes unicast between the load balancers, so networks that filter multicast work too.
/// </summary>
public sealed class KeepalivedRenderer : IArtifactRenderer
{
    /// <summary>The health check keepalived runs.</summary>
    public const string CheckScriptPath = "/etc/keepalived/check_haproxy.sh";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<ApiLoadBalancerResource>() is not { } lb)
        {
            yield break;
        }

        var vip = lb.VirtualIp;
        var prefix = lb.Pool.Subnet.Cidr.PrefixLength;
        var members = context.Topology.LoadBalancers.ToList();
        for (var i = 0; i < members.Count; i++)
        {
            var machine = members[i];
            var nic = vip.Interface ?? machine.Interface ?? Machine.DefaultInterface;
            var peers = string.Join("\n", members.Where(m => m != machine).Select(m => $"        {m.Address}"));
            yield return Artifact.ForHost(machine, PlatformLayer.Availability, Components.Keepalived, "/etc/keepalived/keepalived.conf", $$"""
                # VIP {{vip.Address}} for {{context.Cluster.Name}}'s API: {{machine.Name}} has priority {{100 + members.Count - i}} of {{members.Count}} load balancers.
                global_defs {
                    router_id {{machine.Name}}
                    enable_script_security
                    script_user root
                }

                vrrp_script check_haproxy {
                    script "{{CheckScriptPath}}"
                    interval 2
                    timeout 3
                    fall 2
                    rise 2
                }

                vrrp_instance api_vip {
                    state BACKUP
                    interface {{nic}}
                    virtual_router_id {{vip.VirtualRouterId}}
                    priority {{100 + members.Count - i}}
                    advert_int 1
                    unicast_src_ip {{machine.Address}}
                    unicast_peer {
                {{peers}}
                    }
                    virtual_ipaddress {
                        {{vip.Address}}/{{prefix}} dev {{nic}}
                    }
                    track_script {
                        check_haproxy
                    }
                }

                """);
            yield return Artifact.ForHost(machine, PlatformLayer.Availability, Components.Keepalived, CheckScriptPath, $"""
                #!/bin/sh
                # Healthy when HAProxy answers its monitor URI; keepalived moves the VIP away otherwise.
                exec curl -fsS --max-time 2 -o /dev/null http://127.0.0.1:{ApiLoadBalancerResource.HealthPort}/healthz

                """, mode: "0755");
        }
    }
}
