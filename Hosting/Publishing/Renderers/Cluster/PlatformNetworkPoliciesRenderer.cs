using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using static Platform.Hosting.Publishing.Renderers.Cluster.NetworkPolicyObjects;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 7: the platform's own namespaces (monitoring, logging, the ingress controller's, storage, cert-manager)
/// deny everything by default too, then allow only the flows their components need: the API server, scraping by
/// monitoring, their admission webhooks, and each one's own traffic (Prometheus scrapes everything, the ingress
/// controller takes web traffic from anywhere and reaches the workloads, cert-manager reaches ACME servers).
/// Webhook ports accept any source: the API server's address as a pod sees it depends on the CNI's encapsulation.
/// </summary>
public sealed class PlatformNetworkPoliciesRenderer : IArtifactRenderer
{
    /// <summary>The admission webhook port of the Prometheus operator and of cert-manager (their charts' default).</summary>
    public const int OperatorWebhookPort = 10250;

    /// <summary>Longhorn's conversion and admission webhooks (longhorn-manager).</summary>
    public static IReadOnlyList<int> LonghornWebhookPorts { get; } = [9501, 9502];

    /// <summary>ingress-nginx's HTTP and HTTPS container ports.</summary>
    public static IReadOnlyList<int> IngressNginxWebPorts { get; } = [80, 443];

    /// <summary>ingress-nginx's admission webhook port.</summary>
    public const int IngressNginxWebhookPort = 8443;

    /// <summary>The ECK operator's namespace: it manages Elasticsearch and Kibana over their HTTP ports.</summary>
    public const string ElasticOperatorNamespace = "elastic-system";

    /// <summary>
    /// The PodSecurity level a platform namespace is labelled with, the same in every file that declares it (two
    /// files applying different labels would undo each other): Longhorn's node agents need the host, the others
    /// baseline. The API server's admission configuration exempts them all from the restricted default.
    /// </summary>
    public static string PodSecurityOf(string ns) => ns == LonghornVersions.Namespace ? "privileged" : "baseline";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<NetworkPolicyResource>() is null)
        {
            yield break;
        }

        foreach (var (ns, purpose, flows) in Namespaces(context))
        {
            var objects = new List<object> { HelmCharts.Namespace(ns, PodSecurityOf(ns)) };
            objects.AddRange(Baseline(ns));
            objects.Add(AllowApiServer(ns, context));
            if (context.Model.Find<PrometheusResource>() is not null && ns != PrometheusResource.Namespace)
            {
                objects.Add(AllowFromNamespaces(ns, "allow-from-monitoring", [PrometheusResource.Namespace]));
            }

            objects.AddRange(flows);
            yield return Artifact.ForCluster(PlatformLayer.Security, Components.NetworkPolicies, $"security/network-policies/platform/{ns}.yaml",
                HelmCharts.Yaml($"Platform namespace {ns} ({purpose}): default deny; DNS, same-namespace, the API server{(ns == PrometheusResource.Namespace ? "" : ", monitoring")} and its own flows allowed.", [.. objects]));
        }
    }

    /// <summary>The platform namespaces of the model, what runs there, and the policies for the flows it needs.</summary>
    private static IEnumerable<(string Namespace, string Purpose, IEnumerable<V1NetworkPolicy> Flows)> Namespaces(RenderContext context)
    {
        var model = context.Model;
        if (model.Find<PrometheusResource>() is not null)
        {
            var ns = PrometheusResource.Namespace;
            yield return (ns, "Prometheus, Alertmanager, Grafana",
            [
                // Prometheus scrapes pods in every namespace and the machines (kubelet, node_exporter, etcd, HAProxy).
                Policy(ns, "allow-scrape", new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    PolicyTypes = ["Egress"],
                    Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() }, new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = Network(model) } }] }],
                }),
                AllowWebhook(ns, OperatorWebhookPort),
            ]);
        }

        if (model.Find<ElasticsearchResource>() is not null)
        {
            var ns = ElasticsearchResource.Namespace;
            yield return (ns, "Elasticsearch, Kibana, Fluent Bit", [AllowFromNamespaces(ns, "allow-from-elastic-operator", [ElasticOperatorNamespace], 9200, 5601)]);
        }

        if (model.Find<IngressNginxResource>() is { Chart: { } ingressChart })
        {
            var ns = ingressChart.Namespace;
            yield return (ns, "the ingress controller",
            [
                // Web traffic arrives from the load balancers through the NodePorts, with any client address.
                Policy(ns, "allow-web-from-anywhere", new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"], Ingress = [new V1NetworkPolicyIngressRule { Ports = Tcp([.. IngressNginxWebPorts]) }] }),
                AllowWebhook(ns, IngressNginxWebhookPort),
                Policy(ns, "allow-to-backends", new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    PolicyTypes = ["Egress"],
                    Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() }] }],
                }),
            ]);
        }

        foreach (var csi in model.OfType<CsiDriverResource>().Where(c => c.Chart is not null))
        {
            yield return (csi.Chart!.Namespace, "Longhorn", [AllowWebhook(csi.Chart.Namespace, [.. LonghornWebhookPorts])]);
        }

        if (model.Find<CertManagerResource>() is { Chart: { } certChart } certManager)
        {
            var ns = certChart.Namespace;
            List<V1NetworkPolicy> flows = [AllowWebhook(ns, OperatorWebhookPort)];
            if (certManager.Issuers.Any(i => i.Kind == ClusterIssuerKind.Acme))
            {
                // ACME: the CA's API, and HTTP-01's self-check of the challenge through the public address.
                flows.Add(Policy(ns, "allow-acme", new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    PolicyTypes = ["Egress"],
                    Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0" } }], Ports = Tcp(80, 443) }],
                }));
            }

            yield return (ns, "cert-manager", flows);
        }
    }

    /// <summary>Egress to the API servers (the kubernetes Service's endpoints: each control plane's 6443).</summary>
    private static V1NetworkPolicy AllowApiServer(string ns, RenderContext context) => Policy(ns, "allow-api-server", new V1NetworkPolicySpec
    {
        PodSelector = new V1LabelSelector(),
        PolicyTypes = ["Egress"],
        Egress = [new V1NetworkPolicyEgressRule { To = [.. context.Topology.ControlPlanes.Select(m => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = $"{m.Address}/32" } })], Ports = Tcp(ApiLoadBalancerResource.ApiServerPort) }],
    });

    /// <summary>Ingress on admission webhook ports only, from any source (the API server calls them).</summary>
    private static V1NetworkPolicy AllowWebhook(string ns, params int[] ports)
        => Policy(ns, "allow-webhooks", new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"], Ingress = [new V1NetworkPolicyIngressRule { Ports = Tcp(ports) }] });

    private static string Network(PlatformModel model) => (model.Find<NetworkResource>()?.Cidr ?? throw new PlatformModelException("The model has no network; add builder.AddNetwork(...).")).ToString();
}
