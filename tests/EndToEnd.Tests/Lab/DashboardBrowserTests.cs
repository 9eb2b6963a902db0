using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests.Lab;

/// <summary>
/// The Aspire dashboard of a running lab, in a real headless Chromium (Debian's, driven by Playwright; no browser
/// download): token login, the layered resource tree, a state change pushed without reload, a console log, a command.
/// </summary>
[Collection(ProductionLabCollection.Name)]
public sealed class DashboardBrowserTests(DashboardBrowserTests.DashboardLab fixture) : IClassFixture<DashboardBrowserTests.DashboardLab>, IAsyncLifetime
{
    private const float TimeoutMs = 30_000;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = RequiredTools.Require("chromium"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = TimeoutMs,
        });
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1500, Height = 1000 } });
        context.SetDefaultTimeout(TimeoutMs);
        _page = await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// Logs in and waits for the grid's rows. On a loaded 2-core machine the first page after the lab starts has stayed
    /// at "No resources found" for over 90 s while a new page got the rows at once: so up to three page loads, 30 s each.
    /// </summary>
    private async Task OpenResourcesAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            await _page.GotoAsync(fixture.LoginUrl);
            try
            {
                await Expect(Row("cp-1")).ToBeVisibleAsync();
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    [RequiresMachinesFact("ssh-keygen", "chromium")]
    public async Task Login_WithTheToken_OpensTheResources_AndAWrongTokenDoesNot()
    {
        var login = new Uri(fixture.LoginUrl);
        await _page.GotoAsync(new Uri(login, "/login?t=wrong-token").ToString());
        await Expect(_page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));

        await OpenResourcesAsync(); // the token logs in: the resources' rows appear

        Assert.DoesNotContain("/login", _page.Url, StringComparison.Ordinal);
    }

    [RequiresMachinesFact("ssh-keygen", "chromium")]
    public async Task Resources_AreATreeOfLayers_MachinesNestedUnderTheirPoolUnderTheCluster()
    {
        await OpenResourcesAsync();

        var cluster = await IndentAsync("KubernetesCluster", "prod");
        var pool = await IndentAsync("NodePool", "cp");
        var machine = await IndentAsync("Machine", "cp-1");
        Assert.True(cluster < pool && pool < machine, $"indents: prod {cluster}, cp {pool}, cp-1 {machine}");

        // Collapsing the pool hides its machines.
        await Cell("NodePool", "cp").Locator(".main-grid-expand-container").ClickAsync();
        await Expect(Row("cp-1")).ToHaveCountAsync(0);
        await Cell("NodePool", "cp").Locator(".main-grid-expand-container").ClickAsync();
        await Expect(Row("cp-1")).ToBeVisibleAsync();
    }

    [RequiresMachinesFact("ssh-keygen", "chromium")]
    public async Task StopCommand_ClickedInTheGrid_ChangesTheStateLive_AndTheConsoleLogShowsTheMachine()
    {
        await OpenResourcesAsync();
        var state = Row("worker-3").Locator(".state-column-cell");
        await Expect(state).ToHaveTextAsync(KnownResourceStates.Running);

        await Row("worker-3").Locator("fluent-button[aria-label^='Power the machine off']").ClickAsync();

        // The grid is pushed the new state: no reload.
        await Expect(state).ToContainTextAsync(KnownResourceStates.Exited);
        var start = await fixture.Lab.App.ResourceCommands.ExecuteCommandAsync("worker-3", KnownResourceCommands.StartCommand);
        Assert.True(start.Success, start.Message);
        await Expect(state).ToHaveTextAsync(KnownResourceStates.Running);

        await _page.GotoAsync(new Uri(new Uri(fixture.LoginUrl), "/consolelogs/resource/worker-3").ToString());
        await Expect(_page.Locator(".log-content", new() { HasText = "worker-3: up at 10.20.2.13" })).ToBeVisibleAsync();
        await Expect(_page.Locator(".log-content", new() { HasText = "Exited: powered off by the stop command" })).ToBeVisibleAsync();

        await OpenResourcesAsync();
        Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots"));
        await Expect(Row("lb-2")).ToBeVisibleAsync();
        await _page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots", "aspire-dashboard.png") });
    }

    [RequiresMachinesFact("ssh-keygen", "chromium")]
    public async Task TracesAndMetrics_ShowTheDeployersSpansAndMetricsFromTheAppHost()
    {
        var root = new Uri(fixture.LoginUrl);
        await OpenResourcesAsync();

        await _page.GotoAsync(new Uri(root, "/traces").ToString());
        await _page.Locator("text=lab start").First.ClickAsync();
        await Expect(_page.Locator("text=deploy apply").First).ToBeVisibleAsync();
        await Expect(_page.Locator("text=phase connect").First).ToBeVisibleAsync();
        await Expect(_page.Locator("text=connect cp-1").First).ToBeVisibleAsync();

        // Metrics are exported every 5 s: reload until they are there, within the expect timeout.
        await _page.GotoAsync(new Uri(root, "/metrics/resource/platform").ToString());
        for (var i = 0; i < 6 && await _page.Locator("text=platform.deployer.phase.duration").CountAsync() == 0; i++)
        {
            await _page.WaitForTimeoutAsync(5_000);
            await _page.ReloadAsync();
        }

        await Expect(_page.Locator("text=platform.deployer.phase.duration").First).ToBeVisibleAsync();
        await Expect(_page.Locator("text=platform.deployer.host_step.duration").First).ToBeVisibleAsync();
    }

    private ILocator Cell(string type, string name) => _page.Locator($"td[aria-label='{type}: {name}']");

    private ILocator Row(string machine) => _page.Locator("tr.resource-row", new() { Has = Cell("Machine", machine) });

    private async Task<double> IndentAsync(string type, string name)
    {
        var container = Cell(type, name).Locator(".resources-name-container");
        await Expect(container).ToBeVisibleAsync();
        return await container.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).marginLeft)");
    }

    /// <summary>A machines-only lab with the dashboard on.</summary>
    public sealed class DashboardLab : IAsyncLifetime
    {
        public ProductionLab Lab { get; } = new() { EnableDashboard = true, Arguments = [ProductionLab.MachinesOnly] };

        public string LoginUrl { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await Lab.InitializeAsync();
            LoginUrl = (await Lab.App.GetDashboardUrlAsync() ?? throw new InvalidOperationException("The AppHost started without a dashboard.")).ToString();
        }

        public Task DisposeAsync() => Lab.DisposeAsync();
    }
}
