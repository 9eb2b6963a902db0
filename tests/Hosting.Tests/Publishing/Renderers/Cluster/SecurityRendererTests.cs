using k8s.Models;
using Platform.Hosting.Publishing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

public class SecurityRendererTests
{
    private static readonly RenderedArtifacts Production = RenderedArtifacts.Of(TestModels.Production());

    [Fact]
    public void Rbac_ReadOnlyNeverReadsSecretsAndGroupsCarryTheOidcPrefix()
    {
        var objects = ClusterManifests.Read(Production.Cluster("security/rbac.yaml"));

        var readOnly = objects.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == "platform:read-only");
        Assert.DoesNotContain(readOnly.Rules, r => r.Resources?.Contains("secrets") == true || r.Resources?.Contains("*") == true);
        Assert.DoesNotContain(readOnly.Rules.SelectMany(r => r.Verbs), v => v is "create" or "delete" or "*");
        var developer = objects.OfType<V1RoleBinding>().Single();
        Assert.Equal(("apps", "platform:developer", "oidc:developers"), (developer.Metadata.NamespaceProperty, developer.RoleRef.Name, developer.Subjects.Single().Name));
        Assert.Contains(objects.OfType<V1ClusterRoleBinding>(), b => b.RoleRef.Name == "platform:admin" && b.Subjects.Single().Name == "oidc:platform-admins");
    }

    [Fact]
    public void Rbac_Developers_CannotChangeNetworkPoliciesRolesOrBindings_AndAreBoundOnlyInTheirNamespaces()
    {
        var objects = ClusterManifests.Read(Production.Cluster("security/rbac.yaml"));
        var roles = objects.OfType<V1ClusterRole>().ToDictionary(r => r.Metadata.Name);
        bool IsDevelopers(IList<Rbacv1Subject> subjects) => subjects.Any(s => s.Name == "oidc:developers");

        var namespaced = objects.OfType<V1RoleBinding>().Where(b => IsDevelopers(b.Subjects)).ToList();
        var clusterWide = objects.OfType<V1ClusterRoleBinding>().Where(b => IsDevelopers(b.Subjects)).ToList();

        Assert.Equal(["apps"], namespaced.Select(b => b.Metadata.NamespaceProperty));
        Assert.Equal(["platform:read-only"], clusterWide.Select(b => b.RoleRef.Name));
        var rules = namespaced.Concat<object>(clusterWide).Select(b => b is V1RoleBinding r ? r.RoleRef.Name : ((V1ClusterRoleBinding)b).RoleRef.Name).SelectMany(n => roles[n].Rules).ToList();
        string[] guarded = ["networkpolicies", "roles", "rolebindings", "clusterroles", "clusterrolebindings", "*"];
        var writes = rules.Where(r => r.Resources?.Any(guarded.Contains) == true && r.Verbs.Any(v => v is not ("get" or "list" or "watch"))).ToList();
        Assert.True(writes.Count == 0, "developers may change: " + string.Join("; ", writes.Select(r => $"{string.Join(",", r.Resources)} {string.Join(",", r.Verbs)}")));
        Assert.DoesNotContain(rules.SelectMany(r => r.Verbs), v => v is "escalate" or "bind" or "impersonate" or "*");
        Assert.Contains(rules, r => r.Resources?.Contains("networkpolicies") == true); // they still read them
    }

    [Fact]
    public void NetworkPolicies_DefaultDenyWithDnsIngressAndMonitoringAllowed()
    {
        var policies = ClusterManifests.Read(Production.Cluster("security/network-policies/apps.yaml")).OfType<V1NetworkPolicy>().ToDictionary(p => p.Metadata.Name);

        Assert.Equal(["Ingress", "Egress"], policies["default-deny-all"].Spec.PolicyTypes);
        Assert.Null(policies["default-deny-all"].Spec.Ingress);
        Assert.Equal(53, policies["allow-dns"].Spec.Egress.Single().Ports[0].Port.Value is var p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 0);
        Assert.Equal("ingress-nginx", policies["allow-from-ingress"].Spec.Ingress.Single().FromProperty.Single().NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.True(policies.ContainsKey("allow-from-monitoring"));
    }

    [Fact]
    public void Oidc_KubeconfigUsesTheVipAndTheIssuer()
    {
        var kubeconfig = Production.Cluster("security/oidc-kubeconfig.yaml").Content;

        Assert.Contains("server: https://10.20.3.5:6443", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("--oidc-issuer-url=https://login.example.com/realms/platform", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("${KUBERNETES_CA_DATA}", kubeconfig, StringComparison.Ordinal);
        Assert.False(ClusterManifests.IsManifest(Production.Cluster("security/oidc-kubeconfig.yaml")));
    }
}
