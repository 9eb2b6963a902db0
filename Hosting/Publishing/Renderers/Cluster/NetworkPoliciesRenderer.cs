using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 7: in each workload namespace, deny everything by default, then allow DNS out, traffic from the
/// ingress controller in, scraping from monitoring, and traffic between the namespace's own pods.
/// </summary>
public sealed class NetworkPoliciesRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<NetworkPolicyResource>() is not { } policies)
        {
            yield break;
        }

        var ingressNamespace = context.Model.Find<IngressNginxResource>()?.Chart?.Namespace;
        foreach (var ns in policies.Namespaces)
        {
            var objects = new List<object>
            {
                HelmCharts.Namespace(ns),
                Policy(ns, "default-deny-all", new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] }),
                Policy(ns, "allow-dns", new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    PolicyTypes = ["Egress"],
                    Egress =
                    [
                        new V1NetworkPolicyEgressRule
                        {
                            To = [new V1NetworkPolicyPeer { NamespaceSelector = ByName("kube-system"), PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" } } }],
                            Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
                        },
                    ],
                }),
                Policy(ns, "allow-same-namespace", new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    PolicyTypes = ["Ingress", "Egress"],
                    Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] }],
                    Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] }],
                }),
            };
            if (ingressNamespace is not null)
            {
                objects.Add(Policy(ns, "allow-from-ingress", new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    PolicyTypes = ["Ingress"],
                    Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = ByName(ingressNamespace) }] }],
                }));
            }

            if (context.Model.Find<PrometheusResource>() is not null)
            {
                objects.Add(Policy(ns, "allow-from-monitoring", new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector(),
                    PolicyTypes = ["Ingress"],
                    Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = ByName(PrometheusResource.Namespace) }] }],
                }));
            }

            yield return Artifact.ForCluster(PlatformLayer.Security, Components.NetworkPolicies, $"security/network-policies/{ns}.yaml",
                HelmCharts.Yaml($"Namespace {ns}: default deny; DNS, same-namespace, ingress and monitoring traffic allowed.", [.. objects]));
        }
    }

    private static V1LabelSelector ByName(string ns) => new() { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns } };

    private static V1NetworkPolicy Policy(string ns, string name, V1NetworkPolicySpec spec) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = spec,
    };
}
