using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.HelmController;
using YamlDotNet.RepresentationModel;

namespace Platform.Hosting.Tests.Publishing.Renderers.Cluster;

/// <summary>The values each HelmChart carries are generated from the model: change the model, the values follow.</summary>
public class ChartValuesTests
{
    [Fact]
    public void Calico_IpPoolIsThePodCidr()
    {
        var values = Values(TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<KubernetesClusterResource>().Single()).WithPodCidr("172.20.0.0/16")), "addons/calico.yaml");

        Assert.Equal("172.20.0.0/16", Scalar(values, "installation", "calicoNetwork", "ipPools", "0", "cidr"));
        Assert.True(Chart(TestModels.Production(), "addons/calico.yaml").Spec.Bootstrap);
    }

    [Fact]
    public void Traefik_IsTheDefaultIngress_NodePortsFollowTheModel_GatewayApiOn()
    {
        var chart = Chart(TestModels.Production(b => b.CreateResourceBuilder(b.Resources.OfType<TraefikResource>().Single()).WithNodePorts(31080, 31443, 3)), "addons/traefik.yaml");
        var values = Parse(chart.Spec.ValuesContent!);

        Assert.Equal(("traefik", TraefikVersions.Chart.Version, "traefik"), (chart.Spec.Chart, chart.Spec.Version, chart.Spec.TargetNamespace));
        Assert.Equal("31080", Scalar(values, "ports", "web", "nodePort"));
        Assert.Equal("31443", Scalar(values, "ports", "websecure", "nodePort"));
        Assert.Equal("NodePort", Scalar(values, "service", "spec", "type"));
        Assert.Equal("3", Scalar(values, "deployment", "replicas"));
        Assert.Equal(("true", "true"), (Scalar(values, "providers", "kubernetesGateway", "enabled"), Scalar(values, "gateway", "enabled")));
        Assert.Equal(("traefik", "true"), (Scalar(values, "ingressClass", "name"), Scalar(values, "ingressClass", "isDefaultClass")));
        Assert.DoesNotContain(RenderedArtifacts.Of(TestModels.Production()).All, a => a.Component == Components.IngressNginx);
    }

    [Fact]
    public void IngressNginx_OnlyAtItsFinalRelease_AndChoosingItWarnsAtBuildTime()
    {
#pragma warning disable CS0618 // the retired controller is what is under test
        var builder = TestModels.Small(cluster => cluster.AddIngressNginx().WithNodePorts(31080, 31443, 3));
#pragma warning restore CS0618
        var chart = Chart(builder, "addons/ingress-nginx.yaml");
        var values = Parse(chart.Spec.ValuesContent!);
        var obsolete = typeof(NetworkingBuilderExtensions).GetMethod(nameof(NetworkingBuilderExtensions.AddIngressNginx))!.GetCustomAttributes(typeof(ObsoleteAttribute), false).Cast<ObsoleteAttribute>().Single();

        Assert.Equal("4.14.3", chart.Spec.Version);
        Assert.Equal("31080", Scalar(values, "controller", "service", "nodePorts", "http"));
        Assert.Equal("3", Scalar(values, "controller", "replicaCount"));
        Assert.False(obsolete.IsError); // a warning: the build says it, the choice stays possible
        Assert.Contains("retired", obsolete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_ScrapesEveryMachinesNodeExporterAndKeepsGrafanasPasswordOutOfValues()
    {
        var chart = Chart(TestModels.Production(), "addons/kube-prometheus-stack.yaml");
        var values = Parse(chart.Spec.ValuesContent!);

        var targets = ((YamlSequenceNode)Node(values, "prometheus", "prometheusSpec", "additionalScrapeConfigs", "0", "static_configs")).Children
            .Select(c => Scalar(c, "targets", "0")).ToList();

        Assert.Equal(8, targets.Count);
        Assert.Contains("10.20.3.12:9100", targets);
        Assert.Equal("false", Scalar(values, "nodeExporter", "enabled"));
        Assert.Equal("grafana-admin", Scalar(values, "grafana", "admin", "existingSecret"));
        Assert.DoesNotContain("adminPassword", chart.Spec.ValuesContent!, StringComparison.Ordinal);
        Assert.Equal("false", Scalar(values, "kubeEtcd", "enabled")); // etcd's metrics come through node_exporter (loopback only)
        Assert.Equal("standard", Scalar(values, "prometheus", "prometheusSpec", "storageSpec", "volumeClaimTemplate", "spec", "storageClassName"));
    }

    [Fact]
    public void FluentBit_ShipsTheAuditLogAndAuthenticatesWithTheEckSecret()
    {
        var chart = Chart(TestModels.Production(), "addons/fluent-bit.yaml");
        var values = Parse(chart.Spec.ValuesContent!);

        Assert.Contains("Path              /var/log/kubernetes/audit/audit.log", Scalar(values, "config", "inputs"), StringComparison.Ordinal);
        Assert.Contains("Host                elasticsearch-es-http.logging.svc", Scalar(values, "config", "outputs"), StringComparison.Ordinal);
        Assert.Equal("elasticsearch-es-elastic-user", Scalar(values, "env", "0", "valueFrom", "secretKeyRef", "name"));
    }

    [Fact]
    public void Velero_SchedulesAndBucketComeFromTheModel()
    {
        var values = Values(TestModels.Production(), "addons/velero.yaml");

        Assert.Equal("platform-backups", Scalar(values, "configuration", "backupStorageLocation", "0", "bucket"));
        Assert.Equal("0 2 * * *", Scalar(values, "schedules", "daily", "schedule"));
        Assert.Equal("720h0m0s", Scalar(values, "schedules", "daily", "template", "ttl"));
        Assert.Equal("velero-credentials", Scalar(values, "credentials", "existingSecret"));
    }

    [Fact]
    public void EveryChart_PinsItsVersionFromTheVersionsClass()
    {
        var charts = RenderedArtifacts.Of(TestModels.Production()).All.Where(ClusterManifests.IsManifest).SelectMany(ClusterManifests.Read).OfType<HelmChart>().ToList();

        Assert.Equal(10, charts.Count);
        Assert.All(charts, c => Assert.False(string.IsNullOrEmpty(c.Spec.Version), c.Metadata.Name));
        Assert.Contains(charts, c => c.Spec.Chart == LonghornVersions.Chart.Chart && c.Spec.Version == LonghornVersions.Chart.Version);
        Assert.All(charts, c => Assert.Equal(HelmControllerVersions.JobImage, c.Spec.JobImage));
    }

    private static HelmChart Chart(IDistributedApplicationBuilder builder, string path)
        => ClusterManifests.Read(RenderedArtifacts.Of(builder).Cluster(path)).OfType<HelmChart>().Single();

    private static YamlNode Values(IDistributedApplicationBuilder builder, string path) => Parse(Chart(builder, path).Spec.ValuesContent!);

    private static YamlNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is YamlSequenceNode sequence ? sequence.Children[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;
}
