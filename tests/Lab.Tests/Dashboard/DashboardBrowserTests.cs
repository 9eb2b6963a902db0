using Microsoft.Playwright;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Dashboard;
using Platform.Lab.Resources;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.Lab.Tests.Dashboard;

/// <summary>The page in a real headless Chromium (Debian's, driven by Playwright; no browser download).</summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const float TimeoutMs = 15_000;

    private readonly List<string> _pageErrors = [];
    private TestDashboard _lab = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(TimeoutMs);
        _lab = await TestDashboard.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = RequiredTools.Require("chromium"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            Timeout = TimeoutMs * 2,
        });
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1360, Height = 900 } });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs);
        _page = await context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _pageErrors.Add($"console: {message.Text}");
            }
        };
        _page.PageError += (_, error) => _pageErrors.Add($"page: {error}");
    }

    public async Task DisposeAsync()
    {
        // Close the browser before the server, so no Chromium outlives the test and no stream is cut mid-test.
        try
        {
            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }
        }
        finally
        {
            _playwright?.Dispose();
            await _lab.DisposeAsync();
        }
    }

    [RequiresToolFact("chromium")]
    public async Task Page_AfterLogin_RendersARowPerResourceWithStateLayerAndALogsButton()
    {
        await OpenAsync();

        var rows = _page.Locator("#resource-rows tr[data-resource]");
        await Expect(rows).ToHaveCountAsync(_lab.Store.Resources.Count);
        var names = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.resource)");
        Assert.Equal(_lab.Store.Resources.Select(r => r.Name), names);
        var cluster = Row(_lab.Model.Cluster.Name);
        await Expect(cluster.Locator("[data-col='state'] .state-waiting")).ToHaveTextAsync("Waiting");
        await Expect(cluster.Locator("[data-col='layer']")).ToHaveTextAsync($"{(int)_lab.Model.Cluster.Layer} · Control plane");
        await Expect(cluster.Locator("button[data-action='logs']")).ToBeVisibleAsync();
        await Expect(_page.Locator("#lab-name")).ToHaveTextAsync("dash-test");
        await Expect(_page.Locator("#deploy-empty")).ToHaveTextAsync("No deploy run.");
        Assert.Empty(_pageErrors);
    }

    [RequiresToolFact("chromium")]
    public async Task Page_StateChangedAfterLoad_UpdatesTheRowLiveWithoutReload()
    {
        await OpenAsync();
        var navigations = 0;
        _page.FrameNavigated += (_, frame) => navigations += frame == _page.MainFrame ? 1 : 0;
        await _page.EvaluateAsync("() => { window.dashboardTestMarker = 'same page'; }");

        _lab.Store.Set("cp-1", ResourceState.Running, "ssh answers", [new ResourceEndpoint("ssh", "ssh://root@127.0.0.1:40022")]);
        _lab.Store.SetLab("lab is up", ready: true);
        _lab.Store.SetDeploy(new DeployProgressEntry("prepare", "cp-1", DeployStepStatus.Done, 4, 2.25, null));

        var row = Row("cp-1");
        await Expect(row.Locator("[data-col='state']")).ToHaveTextAsync("Running");
        await Expect(row.Locator("[data-col='state'] .state")).ToHaveClassAsync("state state-running");
        await Expect(row.Locator("[data-col='detail']")).ToHaveTextAsync("ssh answers");
        var link = row.Locator("[data-col='endpoints'] a");
        await Expect(link).ToHaveAttributeAsync("href", "ssh://root@127.0.0.1:40022");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(_page.Locator("#lab-message")).ToHaveTextAsync("lab is up");
        await Expect(_page.Locator("#lab-status")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(_page.Locator("#deploy-grid td[data-phase='prepare'][data-host='cp-1']")).ToHaveTextAsync("Done · 4 changes · 2.3 s");
        Assert.Equal("same page", await _page.EvaluateAsync<string>("() => window.dashboardTestMarker"));
        Assert.Equal(0, navigations);
        Assert.Empty(_pageErrors);
    }

    [RequiresToolFact("chromium")]
    public async Task Page_ServerRestarted_ReconnectsAndReloadsTheSnapshotsWithoutReload()
    {
        await OpenAsync();
        await _page.EvaluateAsync("() => { window.dashboardTestMarker = 'same page'; }");
        var port = _lab.Server.Url.Port;
        await _lab.Server.DisposeAsync();
        await Expect(_page.Locator("#connection")).Not.ToHaveAttributeAsync("data-state", "live");

        // Same port and token: the page's cookie still fits, as after restarting run mode with --dashboard-token.
        var store = new ResourceStateStore(_lab.Model, new LabStatus("dash-test", "machines", "restarted", Ready: true));
        store.Add("cp-1", "Machine", PlatformLayer.Infrastructure);
        store.Set("cp-1", ResourceState.Running, "back");
        await using var restarted = await DashboardServer.StartAsync(new DashboardOptions(port, _lab.Server.Token), store, _lab.Artifacts, CancellationToken.None);

        await Expect(_page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Expect(Row("cp-1").Locator("[data-col='state']")).ToHaveTextAsync("Running");
        await Expect(_page.Locator("#lab-message")).ToHaveTextAsync("restarted");
        Assert.Equal("same page", await _page.EvaluateAsync<string>("() => window.dashboardTestMarker"));
    }

    [RequiresToolFact("chromium")]
    public async Task Logs_SelectedResource_ShowsLinesAppendedBeforeAndAfterOpeningOnceEach()
    {
        _lab.Store.AppendLog("worker-1", "before 1");
        _lab.Store.AppendLog("worker-1", "before 2");
        _lab.Store.AppendLog("cp-1", "other resource");
        await OpenAsync();

        await Row("worker-1").Locator("button[data-action='logs']").ClickAsync();
        var lines = _page.Locator("#log-lines[data-resource='worker-1'][data-loaded='true']");
        await Expect(lines).ToHaveTextAsync("before 1\nbefore 2\n", new() { UseInnerText = false });
        _lab.Store.AppendLog("worker-1", "after 1");
        _lab.Store.AppendLog("cp-1", "other resource again");
        _lab.Store.AppendLog("worker-1", "after 2");

        await Expect(lines).ToContainTextAsync("after 2");
        Assert.Equal("before 1\nbefore 2\nafter 1\nafter 2\n", await lines.TextContentAsync());
        await Expect(_page.Locator("#view-logs")).ToBeVisibleAsync();
        await Expect(_page.Locator("#view-resources")).ToBeHiddenAsync();
        Assert.Empty(_pageErrors);
    }

    [RequiresToolFact("chromium")]
    public async Task Artifacts_OpenedByKeyboard_ShowTheContentGroupedByLayer()
    {
        var artifact = _lab.Artifacts.OrderBy(a => (int)a.Layer).ThenBy(a => a.Path, StringComparer.Ordinal).First(a => a.Path.StartsWith("hosts/", StringComparison.Ordinal));
        await OpenAsync();

        // Tab reaches the view buttons; Space activates one, Enter the artifact.
        for (var i = 0; i < 10 && await _page.EvaluateAsync<string?>("() => document.activeElement?.id") != "tab-artifacts"; i++)
        {
            await _page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("tab-artifacts", await _page.EvaluateAsync<string?>("() => document.activeElement?.id"));
        await _page.Keyboard.PressAsync("Space");
        await Expect(_page.Locator("#view-artifacts")).ToBeVisibleAsync();
        await Expect(_page.Locator("#tab-artifacts")).ToHaveAttributeAsync("aria-current", "page");
        var layers = _page.Locator(".artifact-layer");
        await Expect(layers.First).ToBeVisibleAsync();
        var numbers = await layers.EvaluateAllAsync<int[]>("sections => sections.map(s => Number(s.dataset.layer))");
        Assert.Equal(_lab.Artifacts.Select(a => (int)a.Layer).Distinct().Order(), numbers);
        var button = _page.Locator($".artifact-button[data-artifact-path='{artifact.Path}']");
        await button.FocusAsync();
        await _page.Keyboard.PressAsync("Enter");

        var content = _page.Locator($"#artifact-content[data-path='{artifact.Path}'][data-loaded='true']");
        await Expect(content).ToBeVisibleAsync();
        Assert.Equal(artifact.Content, await content.TextContentAsync());
        await Expect(_page.Locator("#artifact-path")).ToHaveTextAsync(artifact.Path);
        Assert.Empty(_pageErrors);
    }

    [RequiresToolFact("chromium")]
    public async Task Screenshot_RealisticLab_SavedUnderArtifactsScreenshots()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        Populate(_lab.Store, _lab.Model);
        await OpenAsync();
        _lab.Store.SetDeploy(new DeployProgressEntry("control-plane", "cp-1", DeployStepStatus.Running, 2, null, null));

        await Expect(Row("worker-1").Locator("[data-col='state']")).ToHaveTextAsync("Failed");
        await Expect(_page.Locator("#deploy-grid td[data-phase='control-plane'][data-host='cp-1']")).ToHaveTextAsync("Running · 2 changes");
        var overview = Path.Combine(folder, "dashboard.png");
        await _page.ScreenshotAsync(new() { Path = overview, FullPage = true });
        await Row("cp-1").Locator("button[data-action='logs']").ClickAsync();
        await Expect(_page.Locator("#log-lines[data-loaded='true']")).ToContainTextAsync("kubelet");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(folder, "dashboard-logs.png"), FullPage = true });
        await _page.Locator("#tab-artifacts").ClickAsync();
        await _page.Locator(".artifact-button").First.ClickAsync();
        await Expect(_page.Locator("#artifact-content[data-loaded='true']")).ToBeVisibleAsync();
        await _page.ScreenshotAsync(new() { Path = Path.Combine(folder, "dashboard-artifacts.png"), FullPage = true });

        Assert.True(new FileInfo(overview).Length > 10_000, $"{overview} looks empty.");
        Assert.Empty(_pageErrors);
    }

    private ILocator Row(string name) => _page.Locator($"#resource-rows tr[data-resource='{name}']");

    // Signs in through the login URL, as a user clicking it in the terminal would, and waits for the first snapshot.
    private async Task OpenAsync()
    {
        await _page.GotoAsync(_lab.Server.LoginUrl.ToString());
        Assert.Equal(_lab.Server.Url.ToString(), _page.Url);
        await Expect(_page.Locator("body[data-loaded='true']")).ToBeAttachedAsync();
        await Expect(_page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
    }

    private static void Populate(ResourceStateStore store, PlatformModel model)
    {
        store.SetLab("lab is up: 2 machines, k3s ready", ready: true);
        foreach (var resource in model.Resources)
        {
            var state = resource.Layer switch
            {
                PlatformLayer.Infrastructure or PlatformLayer.OperatingSystem or PlatformLayer.ControlPlane => ResourceState.Running,
                PlatformLayer.Networking => ResourceState.Starting,
                PlatformLayer.Storage => ResourceState.NotInSubstrate,
                _ => ResourceState.Waiting,
            };
            store.Set(resource.Name, state, state == ResourceState.Starting ? "waiting for pods to be ready (2/3)" : state == ResourceState.NotInSubstrate ? "no block devices in this substrate" : "");
        }

        store.Set(model.Cluster.Name, ResourceState.Running, "3 nodes ready", [new ResourceEndpoint("api", "https://127.0.0.1:6443"), new ResourceEndpoint("ui", "http://127.0.0.1:30300")]);
        store.Set("cp-1", ResourceState.Running, "systemd running, ssh answers", [new ResourceEndpoint("ssh", "ssh://root@127.0.0.1:40022")]);
        store.Set("worker-1", ResourceState.Failed, "kubelet exited: container runtime is down", [new ResourceEndpoint("ssh", "ssh://root@127.0.0.1:40023")]);
        foreach (var line in new[] { "Starting kubelet...", "kubelet: node cp-1 registered", "kubelet: all pods ready" })
        {
            store.AppendLog("cp-1", line);
        }

        store.SetDeploy(new DeployProgressEntry("prepare", "cp-1", DeployStepStatus.Done, 5, 3.2, null));
        store.SetDeploy(new DeployProgressEntry("prepare", "worker-1", DeployStepStatus.Done, 5, 3.6, null));
        store.SetDeploy(new DeployProgressEntry("etcd", "cp-1", DeployStepStatus.Resumed, 0, 0.4, null));
        store.SetDeploy(new DeployProgressEntry("kubelet", "worker-1", DeployStepStatus.Failed, 1, 12.0, "containerd did not start"));
        store.SetDeploy(new DeployProgressEntry("backup", "*", DeployStepStatus.Skipped, 0, null, null));
    }
}
