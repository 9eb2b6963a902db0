using k8s.Models;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.HelmController;
using Platform.Testing;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

public class ClusterManifestsTests
{
    private static readonly RenderedArtifacts Production = RenderedArtifacts.Of(TestModels.Production());

    [Fact]
    public void Read_EveryClusterManifest_RoundTripsThroughTheStrictDeserializer()
    {
        var manifests = Production.All.Where(ClusterManifests.IsManifest).ToList();

        var objects = manifests.SelectMany(ClusterManifests.Read).ToList();

        Assert.True(manifests.Count >= 20, $"{manifests.Count} manifests");
        Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(o.Metadata.Name), $"{o.Kind} without a name"));
        Assert.Contains(objects, o => o is HelmChart { Spec.Chart: "kube-prometheus-stack" });
        Assert.Contains(objects, o => o is V1StorageClass);
        Assert.Contains(objects, o => o is V2HorizontalPodAutoscaler);
        Assert.DoesNotContain(Production.All, a => a.Path.StartsWith("cluster/monitoring/rules/", StringComparison.Ordinal) && ClusterManifests.IsManifest(a));
    }

    [Fact]
    public void InApplyOrder_DefinitionsThenTheCniThenChartsThenObjectsThenChartResources()
    {
        var order = ClusterManifests.InApplyOrder(Production.All).Select(a => a.Path).ToList();

        Assert.Equal("cluster/helm-controller/helm-controller.yaml", order[0]);
        Assert.Equal("cluster/addons/calico.yaml", order[1]);
        Assert.True(order.IndexOf("cluster/addons/cert-manager.yaml") < order.IndexOf("cluster/security/cluster-issuers.yaml"));
        Assert.True(order.IndexOf("cluster/addons/eck-operator.yaml") < order.IndexOf("cluster/logging/elasticsearch.yaml"));
        Assert.True(order.IndexOf("cluster/security/rbac.yaml") < order.IndexOf("cluster/monitoring/prometheus-rule.yaml"));
        Assert.Equal(["clusterissuers.cert-manager.io", "certificates.cert-manager.io"], ClusterManifests.RequiredCrds(Production.Cluster("security/cluster-issuers.yaml")));
    }

    [Fact]
    public void ReadinessChecks_CoverTheChartJobsAndTheElasticObjects()
    {
        var checks = ClusterManifests.ReadinessChecks(Production.All);

        Assert.Contains(new ReadinessCheck("CustomResourceDefinition", null, HelmChart.CrdName, "Established", Components.HelmController), checks);
        Assert.Contains(new ReadinessCheck("Job", "kube-system", "helm-install-calico", "Complete", Components.Calico), checks);
        Assert.Contains(new ReadinessCheck("Job", "kube-system", "helm-install-kube-prometheus-stack", "Complete", Components.Prometheus), checks);
        Assert.Contains(new ReadinessCheck("Elasticsearch", "logging", "elasticsearch", "health=green", Components.Elasticsearch), checks);
        Assert.Contains(new ReadinessCheck("Deployment", "apps", "web", "Available", Components.Hpa), checks);
    }

    [Theory]
    [InlineData("helm-controller/helm-controller.yaml")]
    [InlineData("addons/calico.yaml")]
    [InlineData("addons/traefik.yaml")]
    [InlineData("addons/kube-prometheus-stack.yaml")]
    [InlineData("addons/fluent-bit.yaml")]
    [InlineData("addons/velero.yaml")]
    [InlineData("security/rbac.yaml")]
    [InlineData("security/network-policies/apps.yaml")]
    [InlineData("security/cluster-issuers.yaml")]
    [InlineData("storage/storage-classes.yaml")]
    [InlineData("autoscaling/web.yaml")]
    [InlineData("logging/elasticsearch.yaml")]
    public void Render_ProductionModel_MatchesTheSnapshot(string path)
        => Snapshot.Match("Hosting.Tests", "cluster/" + path.Replace('/', '.'), Production.Cluster(path).Content);
}
