using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab.Machines;
using Platform.Lab.Monitoring;
using Platform.Lab.Observability;
using Platform.Testing;

namespace Platform.Lab.Tests.Observability;

public sealed class LabObservabilityPlanTests
{
    private static readonly PlatformModel Model = TestModels.Production().BuildModel();

    private static readonly IReadOnlyList<(string Resource, LabServiceContainer Service)> Planned = LabObservabilityPlan.Create(Model, new LabMonitoring(LabMonitoring.PlanMachine(Model)!), "not-a-real-password");

    private static readonly IReadOnlyDictionary<string, LabServiceContainer> Services = Planned.Where(p => p.Resource != "fluent-bit").ToDictionary(p => p.Resource, p => p.Service);

    [Fact]
    public void Create_GrafanaElasticsearchKibana_OnPinnedImages_NextToTheMonitoringMachine_AFluentBitBesideEachMachine()
    {
        Assert.Equal(["elasticsearch", "grafana", "kibana"], Services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Model.PlanTopology().Machines.Select(m => (m.Name, m.Address)), Planned.Where(p => p.Resource == "fluent-bit").Select(p => (p.Service.Beside!, p.Service.Address)));
        Assert.All(Planned.Where(p => p.Resource == "fluent-bit"), p => Assert.Equal("cr.fluentbit.io/fluent/fluent-bit:3.1.4", p.Service.Image));
        Assert.Equal("docker.io/grafana/grafana:11.1.0", Services["grafana"].Image);
        Assert.Equal($"docker.elastic.co/elasticsearch/elasticsearch:{ElasticVersions.StackVersion}", Services["elasticsearch"].Image);
        Assert.Equal($"docker.elastic.co/kibana/kibana:{ElasticVersions.StackVersion}", Services["kibana"].Image);
        Assert.Equal(["10.20.2.201", "10.20.2.202", "10.20.2.203"], Services.Values.Select(s => s.Address.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("http://10.20.2.202:9200", Services["kibana"].Environment["ELASTICSEARCH_HOSTS"]);
    }

    [Fact]
    public void Grafana_GetsTheLabsPrometheusUnderTheUidEveryPanelNames_AndEveryPublishedDashboard()
    {
        var files = Services["grafana"].Files;
        var published = ArtifactRenderers.RenderAll(RenderContext.ForPublish(Model)).Where(a => a.Path.StartsWith("cluster/monitoring/dashboards/", StringComparison.Ordinal) && a.Path.EndsWith(".json", StringComparison.Ordinal)).ToList();

        var datasource = files["/etc/grafana/provisioning/datasources/platform.yaml"];
        Assert.Contains("url: http://10.20.2.200:9090", datasource, StringComparison.Ordinal);
        Assert.Contains($"uid: {LabObservabilityPlan.DatasourceUid}", datasource, StringComparison.Ordinal);
        Assert.Equal(4, published.Count);
        foreach (var dashboard in published)
        {
            var provisioned = files[$"/etc/grafana/dashboards/platform/{Path.GetFileName(dashboard.Path)}"];
            Assert.Equal(dashboard.Content, provisioned);
            using var json = JsonDocument.Parse(provisioned);
            Assert.All(json.RootElement.GetProperty("panels").EnumerateArray(), p => Assert.Equal(LabObservabilityPlan.DatasourceUid, p.GetProperty("datasource").GetProperty("uid").GetString()));
        }
    }

    [Fact]
    public void FluentBit_ReadsItsMachinesJournal_OfThePlatformsUnits_IntoTheIndicesTheTemplateCovers()
    {
        var fluentBit = Planned.Single(p => p.Service.Beside == "cp-2").Service;
        var config = fluentBit.Files["/fluent-bit/etc/fluent-bit.conf"];
        using var template = JsonDocument.Parse(LabObservabilityPlan.IndexTemplate());

        Assert.Contains("Path            /proc/1/root/var/log/journal\n", config, StringComparison.Ordinal);
        Assert.Contains("Record          machine cp-2\n", config, StringComparison.Ordinal);
        Assert.Contains("Systemd_Filter  _SYSTEMD_UNIT=etcd.service", config, StringComparison.Ordinal);
        Assert.Contains("Host                10.20.2.202", config, StringComparison.Ordinal);
        Assert.Contains($"Logstash_Prefix     {FluentBitRenderer.IndexPrefix}", config, StringComparison.Ordinal);
        Assert.Equal($"{FluentBitRenderer.IndexPrefix}-*", template.RootElement.GetProperty("index_patterns")[0].GetString());
    }

    [Fact]
    public void ImageMissing_NamesTheImageTheEngineAndHowToLoadIt()
    {
        var message = LabObservability.ImageMissing(LabObservabilityImages.Grafana, new Uri("unix:///run/podman/podman.sock"));

        Assert.Contains("docker.io/grafana/grafana:11.1.0", message, StringComparison.Ordinal);
        Assert.Contains("unix:///run/podman/podman.sock", message, StringComparison.Ordinal);
        Assert.Contains("podman load -i grafana-11.1.0.tar", message, StringComparison.Ordinal);
    }
}
