using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 9: HAProxy on the load balancers: TCP in front of every API server on 6443 with an HTTPS /readyz
/// health check, the ingress NodePorts on 80/443, a stats frontend with /healthz, and Prometheus /metrics on its own port.
/// </summary>
public sealed class HaProxyRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<ApiLoadBalancerResource>() is null)
        {
            yield break;
        }

        var config = new StringBuilder($$"""
            # HAProxy in front of {{context.Cluster.Name}}'s API servers (and ingress); keepalived moves the VIP between load balancers.
            global
                log /dev/log local0
                # 8000 connections need about 16k file descriptors, within the default hard limit of any host.
                maxconn 8000
                user haproxy
                group haproxy
                daemon
                stats socket /run/haproxy/admin.sock mode 660 level admin

            defaults
                log global
                mode tcp
                option tcplog
                option dontlognull
                timeout connect 5s
                # kubectl watches and logs streams stay open for a long time.
                timeout client 1h
                timeout server 1h
                timeout check 5s

            # The firewall opens stats to the load balancers and admin sources only; Prometheus gets /metrics alone.
            frontend stats
                bind *:{{ApiLoadBalancerResource.StatsPort}}
                mode http
                option httplog
                monitor-uri /healthz
                stats enable
                stats uri /stats
                stats refresh 10s

            frontend metrics
                bind *:{{ApiLoadBalancerResource.MetricsPort}}
                mode http
                http-request use-service prometheus-exporter if { path /metrics }
                http-request deny

            frontend kubernetes-api
                bind *:{{ApiLoadBalancerResource.ApiServerPort}}
                default_backend kubernetes-api

            backend kubernetes-api
                balance roundrobin
                option httpchk
                http-check send meth GET uri /readyz
                http-check expect status 200
                default-server inter 3s fall 3 rise 2 check check-ssl verify none

            """);
        foreach (var cp in context.Topology.ControlPlanes)
        {
            config.Append($"    server {cp.Name} {cp.Address}:{ApiLoadBalancerResource.ApiServerPort}\n");
        }

        if (context.Model.Find<IngressNginxResource>() is { } ingress)
        {
            foreach (var (name, port, nodePort) in new[] { ("ingress-http", 80, ingress.HttpNodePort), ("ingress-https", 443, ingress.HttpsNodePort) })
            {
                config.Append($"\nfrontend {name}\n    bind *:{port}\n    default_backend {name}\n\nbackend {name}\n    balance roundrobin\n    default-server inter 3s fall 3 rise 2 check\n");
                foreach (var worker in context.Topology.Workers)
                {
                    config.Append($"    server {worker.Name} {worker.Address}:{nodePort}\n");
                }
            }
        }

        foreach (var lb in context.Topology.LoadBalancers)
        {
            yield return Artifact.ForHost(lb, PlatformLayer.Availability, Components.HaProxy, "/etc/haproxy/haproxy.cfg", config.ToString());
        }
    }
}
