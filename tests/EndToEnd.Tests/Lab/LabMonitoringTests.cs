using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab;
using Platform.Lab.Monitoring;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Lab;

/// <summary>
/// The AppHost's machines lab with its monitoring: Prometheus and Alertmanager on the lab's monitoring machine,
/// scraping the real node_exporters, etcd members and HAProxies, with the platform's own alert rules.
/// </summary>
[Collection(ProductionLabCollection.Name)]
public sealed class LabMonitoringTests(ProductionLab lab, ITestOutputHelper output) : IClassFixture<ProductionLab>
{
    /// <summary>How long a target may take to be scraped up after the lab is healthy.</summary>
    private static readonly TimeSpan TargetsTimeout = TimeSpan.FromSeconds(60);

    [RequiresMonitoringImageFact]
    public async Task PrometheusAndAlertmanager_AreResourcesWithUrls_HealthyFromTheirReadyEndpoints()
    {
        var prometheus = await WaitAsync("prometheus", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var alertmanager = await WaitAsync(LabMonitoring.AlertmanagerName, s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var machine = await WaitAsync(LabMonitoring.MachineName, s => s.Snapshot.HealthStatus == HealthStatus.Healthy);

        Assert.Equal(KnownResourceStates.Running, prometheus.Snapshot.State?.Text);
        Assert.Contains(prometheus.Snapshot.Urls, u => u.Url == "http://10.20.3.200:9090/");
        Assert.Contains(prometheus.Snapshot.HealthReports, r => r.Description == "Prometheus is ready (http://10.20.3.200:9090/-/ready)");
        Assert.Contains(alertmanager.Snapshot.Urls, u => u.Url == "http://10.20.3.200:9093/");
        Assert.Contains(alertmanager.Snapshot.HealthReports, r => r.Description == "Alertmanager is ready (http://10.20.3.200:9093/-/ready)");
        Assert.Equal("prometheus", Property(alertmanager, "resource.parentName"));
        Assert.Equal("prometheus", Property(machine, "resource.parentName"));
        Assert.Contains(machine.Snapshot.Urls, u => u.Url.StartsWith("ssh://root@127.0.0.1:", StringComparison.Ordinal));
    }

    [RequiresMonitoringImageFact]
    public async Task Prometheus_ScrapesEveryNodeExporterEtcdMemberAndHaproxy_AllUp()
    {
        using var api = await ApiAsync();
        var deadline = DateTime.UtcNow + TargetsTimeout;
        var targets = await api.TargetsAsync();
        while (DateTime.UtcNow < deadline && (targets.Count < 15 || targets.Any(t => t.Health != "up")))
        {
            await Task.Delay(1000);
            targets = await api.TargetsAsync();
        }

        foreach (var t in targets.OrderBy(t => t.Job).ThenBy(t => t.Machine))
        {
            output.WriteLine($"{t.Job,-13} {t.Machine,-11} {t.Instance,-18} {t.Health} {t.Error}");
        }

        Assert.All(targets, t => Assert.True(t.Health == "up", $"{t.Job} {t.Instance}: {t.Health} {t.Error}"));
        Assert.Equal(["cp-1", "cp-2", "cp-3", "lb-1", "lb-2", "worker-1", "worker-2", "worker-3"], Machines(targets, "node"));
        Assert.Equal(["cp-1", "cp-2", "cp-3"], Machines(targets, PrometheusRenderer.EtcdJob));
        Assert.Equal(["lb-1", "lb-2"], Machines(targets, "haproxy"));
        Assert.Equal([LabMonitoring.MachineName], Machines(targets, "prometheus"));
        Assert.Equal([LabMonitoring.MachineName], Machines(targets, "alertmanager"));
    }

    [RequiresMonitoringImageFact]
    public async Task Prometheus_LoadsEveryPublishedAlert_WithTheLabsForOnly()
    {
        using var api = await ApiAsync();
        var published = AlertRulesRenderer.Groups(RenderContext.ForPublish(PlatformModel.Build(lab.App.Services.GetRequiredService<DistributedApplicationModel>().Resources)))
            .SelectMany(g => g.Rules.Select(r => (Group: g.Name, r.Alert))).OrderBy(r => r.Alert).ToList();

        var loaded = await api.RulesAsync();

        Assert.Equal(16, published.Count);
        Assert.Equal(published, loaded.Select(r => (r.Group, r.Alert)).OrderBy(r => r.Alert));
        Assert.All(loaded, r => Assert.Equal(LabAlertTiming.Default.For.TotalSeconds, r.Duration));
    }

    private static string[] Machines(IEnumerable<(string Job, string Machine, string Instance, string Health, string Error)> targets, string job)
        => [.. targets.Where(t => t.Job == job).Select(t => t.Machine).Order(StringComparer.Ordinal)];

    private async Task<MonitoringApi> ApiAsync()
    {
        await WaitAsync("prometheus", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync(LabMonitoring.AlertmanagerName, s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var monitoring = lab.App.Services.GetRequiredService<LabLifecycle>().MachinesSubstrate?.Monitoring
            ?? throw new InvalidOperationException($"The lab has no monitoring: {lab.Describe("prometheus")}");
        return new MonitoringApi(monitoring.PrometheusUrl, monitoring.AlertmanagerUrl);
    }

    private Task<ResourceEvent> WaitAsync(string resource, Func<ResourceEvent, bool> predicate) => lab.WaitAsync(resource, predicate);

    private static string? Property(ResourceEvent e, string name) => ProductionLab.Property(e, name);
}
