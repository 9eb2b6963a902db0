using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using k8s.Models;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

public class PlatformNetworkPoliciesRendererTests
{
    private static readonly RenderedArtifacts Production = RenderedArtifacts.Of(TestModels.Production());

    private static Dictionary<string, V1NetworkPolicy> Policies(RenderedArtifacts rendered, string ns)
        => ClusterManifests.Read(rendered.Cluster($"security/network-policies/platform/{ns}.yaml")).OfType<V1NetworkPolicy>().ToDictionary(p => p.Metadata.Name);

    [Theory]
    [InlineData("monitoring")]
    [InlineData("logging")]
    [InlineData("ingress-nginx")]
    [InlineData("longhorn-system")]
    [InlineData("cert-manager")]
    public void Render_PlatformNamespace_DefaultDenyAndOnlyBoundedFlows(string ns)
    {
        var policies = Policies(Production, ns);

        var deny = policies[NetworkPolicyObjects.DefaultDeny];
        Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Null(deny.Spec.Ingress);
        Assert.Null(deny.Spec.Egress);
        Assert.All(policies.Values, p => Assert.Equal(ns, p.Metadata.NamespaceProperty));
        // A rule open to every source or destination names its ports; the only exceptions are scraping and reaching the backends (their own policies).
        var openIngress = policies.Values.SelectMany(p => p.Spec.Ingress ?? []).Where(r => r.FromProperty is null && r.Ports is null);
        var openEgress = policies.Values.Where(p => p.Metadata.Name is not ("allow-scrape" or "allow-to-backends")).SelectMany(p => p.Spec.Egress ?? []).Where(r => r.Ports is null && (r.To is null || r.To.Any(t => t.NamespaceSelector is { MatchLabels: null } || t.IpBlock is not null)));
        Assert.Empty(openIngress);
        Assert.Empty(openEgress);
        var api = policies["allow-api-server"].Spec.Egress.Single();
        Assert.Equal(["10.20.1.11/32", "10.20.1.12/32", "10.20.1.13/32"], api.To.Select(t => t.IpBlock.Cidr));
        Assert.Equal("6443", api.Ports.Single().Port.Value);
        Assert.Equal(ns != "monitoring", policies.ContainsKey("allow-from-monitoring"));
    }

    [Fact]
    public void Render_Flows_MonitoringScrapesEverything_IngressTakesWebFromAnywhere_WebhooksOnTheirPorts()
    {
        var monitoring = Policies(Production, "monitoring");
        var ingress = Policies(Production, "ingress-nginx");

        var scrape = monitoring["allow-scrape"].Spec.Egress.Single();
        Assert.Contains(scrape.To, t => t.NamespaceSelector is { MatchLabels: null });
        Assert.Contains(scrape.To, t => t.IpBlock?.Cidr == "10.20.0.0/16");
        var web = ingress["allow-web-from-anywhere"].Spec.Ingress.Single();
        Assert.Null(web.FromProperty);
        Assert.Equal(["80", "443"], web.Ports.Select(p => p.Port.Value));
        Assert.Equal(["8443"], ingress["allow-webhooks"].Spec.Ingress.Single().Ports.Select(p => p.Port.Value));
        Assert.Equal(["10250"], Policies(Production, "cert-manager")["allow-webhooks"].Spec.Ingress.Single().Ports.Select(p => p.Port.Value));
        Assert.Equal(["9501", "9502"], Policies(Production, "longhorn-system")["allow-webhooks"].Spec.Ingress.Single().Ports.Select(p => p.Port.Value));
        Assert.Equal(["elastic-system"], Policies(Production, "logging")["allow-from-elastic-operator"].Spec.Ingress.Single().FromProperty.Select(f => f.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]));
    }

    [Fact]
    public void Render_CertManager_ReachesAcmeOnlyWithAnAcmeIssuer()
    {
        var withAcme = RenderedArtifacts.Of(TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<CertManagerResource>().Single())
            .WithAcmeIssuer("letsencrypt", "https://acme-v02.api.letsencrypt.org/directory", "ops@example.com")));

        Assert.False(Policies(Production, "cert-manager").ContainsKey("allow-acme"));
        var acme = Policies(withAcme, "cert-manager")["allow-acme"].Spec.Egress.Single();
        Assert.Equal(["80", "443"], acme.Ports.Select(p => p.Port.Value));
    }

    [Fact]
    public void Render_WithoutNetworkPolicies_NoPlatformPolicies()
    {
        var rendered = RenderedArtifacts.Of(TestModels.Small());

        Assert.DoesNotContain(rendered.All, a => a.Path.StartsWith("cluster/security/network-policies/platform/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("monitoring")]
    [InlineData("cert-manager")]
    public void Render_ProductionModel_MatchesTheSnapshot(string ns)
        => Snapshot.Match("Hosting.Tests", $"cluster/security.network-policies.platform.{ns}.yaml", Production.Cluster($"security/network-policies/platform/{ns}.yaml").Content);
}
