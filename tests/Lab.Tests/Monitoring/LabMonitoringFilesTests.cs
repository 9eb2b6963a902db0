using k8s;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.Monitoring;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab.Monitoring;
using Platform.Testing;

namespace Platform.Lab.Tests.Monitoring;

public sealed class LabMonitoringFilesTests
{
    private static readonly PlatformModel Model = TestModels.Production().BuildModel();
    private static readonly IReadOnlyDictionary<string, string> Files = LabMonitoringFiles.Render(Model, LabAlertTiming.Default);

    [Fact]
    public void Rules_AreThePublishedRuleFiles_WithOnlyTheirForSetToTheLabs()
    {
        var published = ArtifactRenderers.RenderAll(RenderContext.ForPublish(Model)).Where(a => a.Path.StartsWith(LabMonitoringFiles.PublishedRulesPrefix, StringComparison.Ordinal)).ToList();
        var lab = Files.Where(f => f.Key.StartsWith(LabMonitoringFiles.RulesDirectory + "/", StringComparison.Ordinal)).ToDictionary(f => Path.GetFileName(f.Key), f => f.Value);

        Assert.NotEmpty(published);
        Assert.Equal(published.Select(a => Path.GetFileName(a.Path)).Order(), lab.Keys.Order());
        foreach (var artifact in published)
        {
            var expected = KubernetesYaml.Deserialize<RuleFile>(artifact.Content);
            var actual = KubernetesYaml.Deserialize<RuleFile>(lab[Path.GetFileName(artifact.Path)]);
            Assert.All(actual.Groups.SelectMany(g => g.Rules), r => Assert.Equal("10s", r.For));
            foreach (var rule in expected.Groups.SelectMany(g => g.Rules))
            {
                rule.For = "10s";
            }

            Assert.Equal(KubernetesYaml.Serialize(expected), KubernetesYaml.Serialize(actual));
        }
    }

    [Fact]
    public void Prometheus_ScrapesEveryMachineEveryEtcdMemberAndHaproxy_AndSendsToAlertmanager()
    {
        var config = Files[LabMonitoringFiles.PrometheusConfig];
        var topology = Model.PlanTopology();

        Assert.All(topology.Machines, m => Assert.Contains($"{m.Address}:9100", config, StringComparison.Ordinal));
        Assert.All(topology.ControlPlanes, m => Assert.Contains($"{m.Address}:2381", config, StringComparison.Ordinal));
        Assert.All(topology.LoadBalancers, m => Assert.Contains($"{m.Address}:{ApiLoadBalancerResource.MetricsPort}", config, StringComparison.Ordinal));
        Assert.Contains($"job_name: {PrometheusRenderer.EtcdJob}", config, StringComparison.Ordinal);
        Assert.Contains("localhost:9093", config, StringComparison.Ordinal);
        Assert.Contains("scrape_interval: 2s", config, StringComparison.Ordinal);
    }

    [RequiresToolFact("promtool")]
    public async Task Files_PassPromtoolCheckConfig_WithEveryRuleFile()
    {
        using var root = new TempFolder();
        foreach (var (path, content) in Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(root.Combine(path.TrimStart('/')))!);
            await File.WriteAllTextAsync(root.Combine(path.TrimStart('/')), content);
        }

        var result = await ProcessRunner.RunAsync(RequiredTools.Require("promtool"), ["check", "config", root.Combine(LabMonitoringFiles.PrometheusConfig.TrimStart('/'))]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("platform-etcd.rules.yaml", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Firewalls_LetTheMonitoringMachinesSubnetScrapeNodeExporterEtcdAndHaproxy()
    {
        var subnet = Model.OfType<SubnetResource>().Single(s => s.Name == LabMonitoring.PlanMachine(Model)!.Subnet).Cidr.ToString();
        var firewalls = ArtifactRenderers.RenderAll(RenderContext.ForPublish(Model)).Where(a => a.HostPath == "/etc/nftables.d/platform.nft").ToDictionary(a => a.Target, a => a.Content);
        static string Rule(string firewall, int port) => firewall.Split('\n').Single(l => l.Contains($"tcp dport {port} accept", StringComparison.Ordinal));

        Assert.Equal(8, firewalls.Count);
        Assert.All(firewalls.Values, f => Assert.Contains(subnet, Rule(f, NodeExporterVersions.Port), StringComparison.Ordinal));
        Assert.Contains(subnet, Rule(firewalls["cp-1"], EtcdClusterResource.MetricsPort), StringComparison.Ordinal);
        Assert.Contains(subnet, Rule(firewalls["lb-1"], ApiLoadBalancerResource.MetricsPort), StringComparison.Ordinal);
    }

    [Fact]
    public void PlanMachine_IsOnTheWorkersSubnet_AtHostNumber200()
    {
        var machine = LabMonitoring.PlanMachine(Model);

        Assert.NotNull(machine);
        Assert.Equal("10.20.2.200", machine.Address.ToString());
        Assert.Equal("worker-net", machine.Subnet);
    }
}
