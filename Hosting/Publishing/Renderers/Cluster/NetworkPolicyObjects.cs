using k8s.Models;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>The NetworkPolicy building blocks the workload and platform namespaces share.</summary>
public static class NetworkPolicyObjects
{
    /// <summary>The policy that denies everything not allowed by another policy of the namespace.</summary>
    public const string DefaultDeny = "default-deny-all";

    /// <summary>A NetworkPolicy selecting every pod of <paramref name="ns"/> unless <paramref name="spec"/> says otherwise.</summary>
    public static V1NetworkPolicy Policy(string ns, string name, V1NetworkPolicySpec spec) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = spec,
    };

    /// <summary>Selects the namespace named <paramref name="ns"/> (the label Kubernetes sets on every namespace).</summary>
    public static V1LabelSelector ByName(string ns) => new() { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns } };

    /// <summary>TCP ports.</summary>
    public static List<V1NetworkPolicyPort> Tcp(params int[] ports) => [.. ports.Select(p => new V1NetworkPolicyPort { Protocol = "TCP", Port = p })];

    /// <summary>Default deny, DNS out to CoreDNS, and traffic between the namespace's own pods: what every namespace starts with.</summary>
    public static IEnumerable<V1NetworkPolicy> Baseline(string ns) =>
    [
        Policy(ns, DefaultDeny, new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] }),
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
    ];

    /// <summary>Ingress from every pod of the namespaces <paramref name="from"/>, on <paramref name="ports"/> (all when none).</summary>
    public static V1NetworkPolicy AllowFromNamespaces(string ns, string name, IEnumerable<string> from, params int[] ports) => Policy(ns, name, new V1NetworkPolicySpec
    {
        PodSelector = new V1LabelSelector(),
        PolicyTypes = ["Ingress"],
        Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [.. from.Select(n => new V1NetworkPolicyPeer { NamespaceSelector = ByName(n) })], Ports = ports.Length > 0 ? Tcp(ports) : null }],
    });
}
