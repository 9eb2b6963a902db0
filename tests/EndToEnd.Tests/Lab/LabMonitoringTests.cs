using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab;
using Platform.Lab.Commands;
using Platform.Lab.Machines;
using Platform.Lab.Monitoring;
using Platform.Lab.Observability;
using Platform.Deployer.State;
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

    /// <summary>
    /// How long an alert may take to reach Alertmanager after its fault, or to leave it after the repair: scrape and
    /// evaluation every 2 s and for: 10 s (LabAlertTiming) make it ~15 s; the rest is room for a loaded CI machine.
    /// </summary>
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(90);

    [RequiresMonitoringImageFact]
    public async Task PrometheusAndAlertmanager_AreResourcesWithUrls_HealthyFromTheirReadyEndpoints()
    {
        var prometheus = await WaitAsync("prometheus", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var alertmanager = await WaitAsync(LabMonitoring.AlertmanagerName, s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var machine = await WaitAsync(LabMonitoring.MachineName, s => s.Snapshot.HealthStatus == HealthStatus.Healthy);

        Assert.Equal(KnownResourceStates.Running, prometheus.Snapshot.State?.Text);
        Assert.Contains(prometheus.Snapshot.Urls, u => u.Url == "http://10.20.2.200:9090/");
        Assert.Contains(prometheus.Snapshot.HealthReports, r => r.Description == "Prometheus is ready (http://10.20.2.200:9090/-/ready)");
        Assert.Contains(alertmanager.Snapshot.Urls, u => u.Url == "http://10.20.2.200:9093/");
        Assert.Contains(alertmanager.Snapshot.HealthReports, r => r.Description == "Alertmanager is ready (http://10.20.2.200:9093/-/ready)");
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
        var published = AlertRulesRenderer.Groups(RenderContext.ForPublish(Model))
            .SelectMany(g => g.Rules.Select(r => (Group: g.Name, r.Alert))).OrderBy(r => r.Alert).ToList();

        var loaded = await api.RulesAsync();

        Assert.Equal(16, published.Count);
        Assert.Equal(published, loaded.Select(r => (r.Group, r.Alert)).OrderBy(r => r.Alert));
        Assert.All(loaded, r => Assert.Equal(LabAlertTiming.Default.For.TotalSeconds, r.Duration));
    }

    [RequiresMonitoringImageFact]
    public async Task DashboardQueries_OverHostMetricsReturnData_TheOthersParseAndAreListedAsNeedingKubernetes()
    {
        using var api = await ApiAsync();
        var queries = DashboardQueries.Of(ArtifactRenderers.RenderAll(RenderContext.ForPublish(Model)))
            .Select(q => (q.Dashboard, q.Expr, Class: DashboardQueries.Classify(q.Expr))).ToList();

        // rate() over [5m] needs two samples of a series: give a fresh lab's first scrapes a moment, once.
        var results = new List<(string Dashboard, string Expr, string? Class, int Series)>();
        var deadline = Stopwatch.StartNew();
        foreach (var (dashboard, expr, @class) in queries)
        {
            var series = await api.QueryAsync(expr);
            while (@class == DashboardQueries.Host && series == 0 && deadline.Elapsed < TargetsTimeout)
            {
                await Task.Delay(1000);
                series = await api.QueryAsync(expr);
            }

            results.Add((dashboard, expr, @class, series));
            output.WriteLine($"{@class,-10} {(@class == DashboardQueries.Host ? $"{series} series" : series == 0 ? "no data: needs Kubernetes" : $"{series} series"),-26} {dashboard}: {expr}");
        }

        Assert.Equal(17, results.Count);
        Assert.All(results.Where(r => r.Class == DashboardQueries.Host), r => Assert.True(r.Series > 0, $"{r.Dashboard}: '{r.Expr}' returned no data from the lab's Prometheus."));
        Assert.Equal(6, results.Count(r => r.Class == DashboardQueries.Kubernetes));
        Assert.Equal(11, results.Count(r => r.Class == DashboardQueries.Host));
    }

    [RequiresMonitoringImageFact]
    public async Task EtcdStoppedOnAMember_EtcdMembersDownReachesAlertmanager_AndResolvesAfterItsRestart()
    {
        using var api = await ApiAsync();
        await UntilAsync("no EtcdMembersDown in Alertmanager before the fault", Stopwatch.StartNew(), async () => !Has(await api.AlertmanagerAlertsAsync(), "EtcdMembersDown"), TargetsTimeout);

        var fault = Stopwatch.StartNew();
        await ExecAsync("cp-3", "systemctl stop etcd");
        TimeSpan firing, received;
        try
        {
            firing = await UntilAsync("EtcdMembersDown firing in Prometheus", fault, async () => Has(await api.FiringAsync(), "EtcdMembersDown"), AlertTimeout);
            received = await UntilAsync("EtcdMembersDown in Alertmanager", fault, async () => Has(await api.AlertmanagerAlertsAsync(), "EtcdMembersDown"), AlertTimeout);
        }
        finally
        {
            await ExecAsync("cp-3", "systemctl start etcd");
        }

        var repair = Stopwatch.StartNew();
        var resolved = await UntilAsync("EtcdMembersDown resolved in Alertmanager", repair, async () => !Has(await api.AlertmanagerAlertsAsync(), "EtcdMembersDown"), AlertTimeout);
        output.WriteLine($"etcd stopped on cp-3 → EtcdMembersDown firing in Prometheus after {firing.TotalSeconds:0.0} s, in Alertmanager after {received.TotalSeconds:0.0} s; etcd started → resolved in Alertmanager after {resolved.TotalSeconds:0.0} s");
    }

    [RequiresMonitoringImageFact]
    public async Task HaproxyStoppedOnTheVipHolder_TheVipMoves_HaproxyDownReachesAlertmanager_AndResolves()
    {
        using var api = await ApiAsync();
        await WaitAsync("api", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var vip = IPAddress.Parse("10.20.3.5");
        string[] balancers = ["lb-1", "lb-2"];
        var holder = await VipCommands.HolderAsync(Lab, balancers, vip) ?? throw new InvalidOperationException($"No load balancer holds the VIP {vip}.");
        await UntilAsync($"no HaproxyDown for {holder} in Alertmanager before the fault", Stopwatch.StartNew(), async () => !Has(await api.AlertmanagerAlertsAsync(), "HaproxyDown", holder), TargetsTimeout);

        var fault = Stopwatch.StartNew();
        await ExecAsync(holder, "systemctl stop haproxy");
        TimeSpan moved, received;
        string? next = null;
        try
        {
            moved = await UntilAsync($"the VIP moving away from {holder}", fault, async () => (next = await VipCommands.HolderAsync(Lab, balancers, vip)) is { } h && h != holder, AlertTimeout);
            received = await UntilAsync($"HaproxyDown for {holder} in Alertmanager", fault, async () => Has(await api.AlertmanagerAlertsAsync(), "HaproxyDown", holder), AlertTimeout);
        }
        finally
        {
            await ExecAsync(holder, "systemctl start haproxy");
        }

        var repair = Stopwatch.StartNew();
        var resolved = await UntilAsync($"HaproxyDown for {holder} resolved in Alertmanager", repair, async () => !Has(await api.AlertmanagerAlertsAsync(), "HaproxyDown", holder), AlertTimeout);
        output.WriteLine($"HAProxy stopped on {holder} (VIP holder) → VIP on {next} after {moved.TotalSeconds:0.0} s, HaproxyDown in Alertmanager after {received.TotalSeconds:0.0} s; HAProxy started → resolved after {resolved.TotalSeconds:0.0} s");
        await WaitAsync("api", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
    }

    [RequiresMonitoringImageFact]
    public async Task MachineStopped_NodeDownReachesAlertmanager_AndResolvesWhenItIsBack()
    {
        using var api = await ApiAsync();
        const string machine = "worker-3";
        await UntilAsync($"no NodeDown for {machine} in Alertmanager before the fault", Stopwatch.StartNew(), async () => !Has(await api.AlertmanagerAlertsAsync(), "NodeDown", machine), TargetsTimeout);

        var fault = Stopwatch.StartNew();
        var stop = await lab.App.ResourceCommands.ExecuteCommandAsync(machine, KnownResourceCommands.StopCommand);
        Assert.True(stop.Success, stop.Message);
        TimeSpan firing, received;
        try
        {
            firing = await UntilAsync($"NodeDown for {machine} firing in Prometheus", fault, async () => Has(await api.FiringAsync(), "NodeDown", machine), AlertTimeout);
            received = await UntilAsync($"NodeDown for {machine} in Alertmanager", fault, async () => Has(await api.AlertmanagerAlertsAsync(), "NodeDown", machine), AlertTimeout);
        }
        finally
        {
            var start = await lab.App.ResourceCommands.ExecuteCommandAsync(machine, KnownResourceCommands.StartCommand);
            Assert.True(start.Success, start.Message);
        }

        var repair = Stopwatch.StartNew();
        var resolved = await UntilAsync($"NodeDown for {machine} resolved in Alertmanager", repair, async () => !Has(await api.AlertmanagerAlertsAsync(), "NodeDown", machine), AlertTimeout);
        output.WriteLine($"{machine} stopped → NodeDown firing in Prometheus after {firing.TotalSeconds:0.0} s, in Alertmanager after {received.TotalSeconds:0.0} s; started (booted) → resolved after {resolved.TotalSeconds:0.0} s");
    }

    private PlatformModel Model => lab.App.Services.GetRequiredService<LabLifecycle>().Model ?? throw new InvalidOperationException("The lab has no model.");

    [RequiresMonitoringImageFact]
    public async Task GrafanaElasticsearchKibanaFluentBit_RunOrNameTheirMissingImageAndHowToLoadIt_TheRestOfTheLabStaysUp()
    {
        var engine = lab.App.Services.GetRequiredService<LabLifecycle>().Machines!.Configuration.Engine;
        foreach (var (resource, image) in new[] { ("grafana", LabObservabilityImages.Grafana), ("elasticsearch", LabObservabilityImages.Elasticsearch), ("kibana", LabObservabilityImages.Kibana), ("fluent-bit", LabObservabilityImages.FluentBit) })
        {
            if (await MachineImage.ExistsAsync(engine, image))
            {
                var running = await WaitAsync(resource, s => s.Snapshot.State?.Text == KnownResourceStates.Running);
                output.WriteLine($"{resource}: running {image}, {string.Join(", ", running.Snapshot.Urls.Select(u => u.Url))}");
                continue;
            }

            var failed = await WaitAsync(resource, s => s.Snapshot.State?.Text == KnownResourceStates.FailedToStart);
            var detail = Property(failed, "platform.detail") ?? "";
            output.WriteLine($"{resource}: {detail}");
            Assert.Contains(image, detail, StringComparison.Ordinal);
            Assert.Contains(engine.ToString(), detail, StringComparison.Ordinal);
            Assert.Contains("podman load -i", detail, StringComparison.Ordinal);
        }

        await WaitAsync("lab", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("prometheus", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
    }

    [RequiresImagesFact(LabObservabilityImages.Grafana)]
    public async Task Grafana_ListsThePlatformsDashboards_AndItsPrometheusDatasourceAnswers()
    {
        var grafana = await WaitAsync("grafana", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var url = new Uri(grafana.Snapshot.Urls.Single(u => u.Name == "ui").Url);
        var password = new SecretStore(new StateFolder(Path.Combine(lab.StateDirectory, "deploy"))).GrafanaAdminPassword;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{password}")));

        var search = await http.GetStringAsync(new Uri(url, "api/search?type=dash-db"));
        using var health = await http.GetAsync(new Uri(url, $"api/datasources/uid/{LabObservabilityPlan.DatasourceUid}/health"));

        Assert.All(new[] { "platform-nodes", "platform-control-plane", "platform-etcd", "platform-ingress" }, uid => Assert.Contains($"\"uid\":\"{uid}\"", search, StringComparison.Ordinal));
        Assert.True(health.IsSuccessStatusCode, $"the datasource health answered {(int)health.StatusCode}: {await health.Content.ReadAsStringAsync()}");
    }

    [RequiresImagesFact(LabObservabilityImages.Elasticsearch, LabObservabilityImages.FluentBit)]
    public async Task AJournalLineFromAMachine_IsSearchableInElasticsearch()
    {
        var es = await WaitAsync("elasticsearch", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("fluent-bit", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var marker = $"obs{Guid.NewGuid():N}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        // HAProxy logs each request on its stats port to its journal (haproxy.service): the marker becomes a journal line on lb-1.
        using (await http.GetAsync($"http://10.20.3.11:8404/healthz?{marker}"))
        {
        }

        var url = new Uri(new Uri(es.Snapshot.Urls.Single(u => u.Name == "ui").Url), $"{FluentBitRenderer.IndexPrefix}-*/_search?q={marker}");
        var found = await UntilAsync($"the journal line with {marker} in Elasticsearch", Stopwatch.StartNew(), async () => (await http.GetStringAsync(url)).Contains("\"machine\":\"lb-1\"", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        output.WriteLine($"a journal line of lb-1 was searchable in Elasticsearch after {found.TotalSeconds:0.0} s");
    }

    private MachineLab Lab => lab.App.Services.GetRequiredService<LabLifecycle>().Machines ?? throw new InvalidOperationException("The lab has no machines.");

    private async Task ExecAsync(string machine, string command)
    {
        var result = await Lab.ExecAsync(machine, ["sh", "-c", command]);
        Assert.True(result.ExitCode == 0, $"{machine}: {command}: exit {result.ExitCode}: {result.Error}{result.Output}");
    }

    private static bool Has(IEnumerable<IReadOnlyDictionary<string, string>> alerts, string name, string? machine = null)
        => alerts.Any(a => a.GetValueOrDefault("alertname") == name && (machine is null || a.GetValueOrDefault("machine") == machine));

    /// <summary>Polls <paramref name="condition"/> every 0.5 s until it holds (its time on <paramref name="clock"/>) or <paramref name="timeout"/> passes.</summary>
    private static async Task<TimeSpan> UntilAsync(string what, Stopwatch clock, Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        string? last = null;
        while (deadline.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}{(last is null ? "" : $"; last error: {last}")}.");
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
