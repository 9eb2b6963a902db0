using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Lab.Dashboard;
using Platform.Lab.Resources;

namespace Platform.Lab.Tests.Dashboard;

public sealed class DashboardServerTests : IAsyncLifetime
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(10);

    private TestDashboard _lab = null!;

    public async Task InitializeAsync() => _lab = await TestDashboard.StartAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public void StartAsync_PortZero_ListensOnLoopbackWithARealPortAndARandomHexToken()
    {
        var server = _lab.Server;

        Assert.Equal("localhost", server.Url.Host);
        Assert.NotEqual(0, server.Url.Port);
        Assert.Matches("^[0-9a-f]{32}$", server.Token);
        Assert.Equal($"http://localhost:{server.Url.Port}/login?t={server.Token}", server.LoginUrl.ToString());
    }

    [Fact]
    public async Task StartAsync_Always_Listens127001Only()
    {
        // 127.0.0.2 reaches this machine too, but only a socket bound to every address would answer it.
        using var other = new TcpClient();
        var refused = await Record.ExceptionAsync(() => other.ConnectAsync(IPAddress.Parse("127.0.0.2"), _lab.Server.Url.Port).WaitAsync(TimeSpan.FromSeconds(5)));
        using var response = await _lab.Client.GetAsync(new Uri($"http://127.0.0.1:{_lab.Server.Url.Port}/api/lab"));

        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused).SocketErrorCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("api/resources")]
    [InlineData("api/events")]
    [InlineData("api/artifacts/content?path=cluster/x.yaml")]
    [InlineData("api/nothing-here")]
    public async Task Api_WithoutToken_Returns401JsonPointingAtTheLoginUrl(string path)
    {
        using var response = await _lab.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ErrorAsync(response);
        Assert.Contains("login URL printed in the terminal", error, StringComparison.Ordinal);
        Assert.DoesNotContain(_lab.Server.Token, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithWrongBearerToken_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/lab");
        request.Headers.Authorization = new("Bearer", new string('0', 32));

        using var response = await _lab.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Root_WithoutToken_ShowsTheLoginFormNotThePage()
    {
        using var response = await _lab.Anonymous.GetAsync("");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form method=\"post\" action=\"/login\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"resources\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithToken_SetsAnHttpOnlyStrictCookieRedirectsHomeAndTheCookieOpensTheApi()
    {
        using var login = await _lab.Anonymous.GetAsync(new Uri($"login?t={_lab.Server.Token}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"platform-dashboard-{_lab.Server.Url.Port}={_lab.Server.Token};", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        var cookie = setCookie.Split(';')[0];
        using var api = new HttpRequestMessage(HttpMethod.Get, "api/lab") { Headers = { { "Cookie", cookie } } };
        using var page = new HttpRequestMessage(HttpMethod.Get, "") { Headers = { { "Cookie", cookie } } };
        using var apiResponse = await _lab.Anonymous.SendAsync(api);
        using var pageResponse = await _lab.Anonymous.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, apiResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("id=\"resources\"", await pageResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithFormPost_SetsTheCookieAndRedirectsHome()
    {
        using var form = new FormUrlEncodedContent([new("t", _lab.Server.Token)]);

        using var response = await _lab.Anonymous.PostAsync("login", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"platform-dashboard-{_lab.Server.Url.Port}=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_WithWrongToken_Returns401LoginPageAndNoCookie()
    {
        using var response = await _lab.Anonymous.GetAsync("login?t=not-the-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("does not open this dashboard", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WithoutToken_StaysReachable()
    {
        using var alive = await _lab.Anonymous.GetAsync("alive");
        using var health = await _lab.Anonymous.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("", "text/html")]
    [InlineData("app.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    public async Task Assets_ServedFromTheAssemblyWithTheirContentTypesAndAStrictPolicy(string path, string mediaType)
    {
        using var response = await _lab.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Lab_ReturnsTheStatusInCamelCase()
    {
        _lab.Store.SetLab("machines up", ready: true);

        using var json = await GetJsonAsync("api/lab");

        Assert.Equal("dash-test", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("machines", json.RootElement.GetProperty("substrate").GetString());
        Assert.Equal("machines up", json.RootElement.GetProperty("message").GetString());
        Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Resources_ListsTheModelsResourcesThenTheMachinesWithEnumsByName()
    {
        _lab.Store.Set("cp-1", ResourceState.Running, "ssh answers", [new ResourceEndpoint("ssh", "ssh://root@127.0.0.1:40022")]);

        using var json = await GetJsonAsync("api/resources");

        var names = json.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToArray();
        Assert.Equal(_lab.Model.Resources.Select(r => r.Name), names);
        Assert.Subset(names.OfType<string>().ToHashSet(), TestDashboard.Machines.ToHashSet());
        var cp1 = json.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "cp-1");
        Assert.Equal("Machine", cp1.GetProperty("type").GetString());
        Assert.Equal("Infrastructure", cp1.GetProperty("layer").GetString());
        Assert.Equal("Running", cp1.GetProperty("state").GetString());
        Assert.Equal("ssh://root@127.0.0.1:40022", cp1.GetProperty("endpoints")[0].GetProperty("url").GetString());
        Assert.All(json.RootElement.EnumerateArray().Where(r => r.GetProperty("name").GetString() != "cp-1"), r => Assert.Equal("Waiting", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Logs_KnownResource_ReturnsTheLastTailLines()
    {
        for (var i = 1; i <= 5; i++)
        {
            _lab.Store.AppendLog("worker-1", $"line {i}");
        }

        using var all = await GetJsonAsync("api/resources/worker-1/logs");
        using var tail = await GetJsonAsync("api/resources/worker-1/logs?tail=2");

        Assert.Equal(5, all.RootElement.GetArrayLength());
        Assert.Equal(["line 4", "line 5"], tail.RootElement.EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Logs_UnknownResource_Returns404NamingIt()
    {
        using var response = await _lab.Client.GetAsync("api/resources/no-such-thing/logs");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'no-such-thing'", await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ReturnsCellsWithPhasesInTheOrderTheyStarted()
    {
        _lab.Store.SetDeploy(new DeployProgressEntry("prepare", "cp-1", DeployStepStatus.Done, 3, 1.5, null));
        _lab.Store.SetDeploy(new DeployProgressEntry("etcd", "cp-1", DeployStepStatus.Running, 0, null, null));
        _lab.Store.SetDeploy(new DeployProgressEntry("prepare", "worker-1", DeployStepStatus.Failed, 1, 0.4, "apt failed"));

        using var json = await GetJsonAsync("api/deploy");

        var cells = json.RootElement.EnumerateArray().Select(e => $"{e.GetProperty("phase").GetString()}/{e.GetProperty("host").GetString()}/{e.GetProperty("status").GetString()}").ToArray();
        Assert.Equal(["prepare/cp-1/Done", "prepare/worker-1/Failed", "etcd/cp-1/Running"], cells);
    }

    [Fact]
    public async Task Artifacts_ListsEveryArtifactByLayerWithItsNameAndNoContent()
    {
        using var json = await GetJsonAsync("api/artifacts");

        var entries = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(_lab.Artifacts.Count, entries.Length);
        var layers = entries.Select(e => e.GetProperty("layer").GetInt32()).ToArray();
        Assert.Equal(layers.Order(), layers);
        Assert.All(entries, e => Assert.InRange(e.GetProperty("layer").GetInt32(), 1, 10));
        Assert.All(entries, e => Assert.False(e.TryGetProperty("content", out _)));
        var first = _lab.Artifacts.OrderBy(a => (int)a.Layer).ThenBy(a => a.Path, StringComparer.Ordinal).First();
        Assert.Equal(first.Path, entries[0].GetProperty("path").GetString());
        Assert.Equal(first.Layer.ToString(), entries[0].GetProperty("layerName").GetString());
        Assert.Equal(first.Component, entries[0].GetProperty("component").GetString());
        Assert.Equal(first.Target, entries[0].GetProperty("target").GetString());
    }

    [Fact]
    public async Task ArtifactContent_IndexedPath_ReturnsItsTextFromMemory()
    {
        var artifact = _lab.Artifacts.First(a => a.Path.StartsWith("hosts/", StringComparison.Ordinal));

        using var response = await _lab.Client.GetAsync($"api/artifacts/content?path={Uri.EscapeDataString(artifact.Path)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(artifact.Content, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("hosts/../../../etc/hostname")]
    public async Task ArtifactContent_PathNotInTheIndex_Returns404NamingIt(string path)
    {
        using var response = await _lab.Client.GetAsync($"api/artifacts/content?path={Uri.EscapeDataString(path)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"'{path}'", await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_AfterConnected_StreamAStoreChangeAsAResourceEvent()
    {
        using var timeout = new CancellationTokenSource(StreamTimeout);
        using var response = await _lab.Client.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var connected = await ReadEventAsync(reader, timeout.Token);
        _lab.Store.Set("worker-1", ResourceState.Failed, "kubelet did not start");
        var changed = await ReadEventAsync(reader, timeout.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: connected", connected, StringComparison.Ordinal);
        Assert.StartsWith("data: ", changed, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(changed["data: ".Length..]);
        Assert.Equal("resource", json.RootElement.GetProperty("type").GetString());
        var resource = json.RootElement.GetProperty("resource");
        Assert.Equal("worker-1", resource.GetProperty("name").GetString());
        Assert.Equal("Failed", resource.GetProperty("state").GetString());
        Assert.Equal("kubelet did not start", resource.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Events_LogDeployAndLabChanges_ArriveInOrderWithTheirTypes()
    {
        using var timeout = new CancellationTokenSource(StreamTimeout);
        using var response = await _lab.Client.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadEventAsync(reader, timeout.Token);

        _lab.Store.AppendLog("cp-1", "hello");
        _lab.Store.SetDeploy(new DeployProgressEntry("prepare", "cp-1", DeployStepStatus.Running, 0, null, null));
        _lab.Store.SetLab("up", ready: true);
        var types = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            using var json = JsonDocument.Parse((await ReadEventAsync(reader, timeout.Token))["data: ".Length..]);
            types.Add(json.RootElement.GetProperty("type").GetString());
        }

        Assert.Equal(["log", "deploy", "lab"], types);
    }

    [Fact]
    public async Task DisposeAsync_WithAnOpenEventStream_StopsWithinFiveSecondsAndEndsTheStream()
    {
        using var timeout = new CancellationTokenSource(StreamTimeout);
        using var response = await _lab.Client.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadEventAsync(reader, timeout.Token);

        var stopwatch = Stopwatch.StartNew();
        await _lab.Server.DisposeAsync();
        stopwatch.Stop();
        var rest = await Record.ExceptionAsync(async () => await reader.ReadToEndAsync(timeout.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Dispose took {stopwatch.Elapsed}.");
        Assert.False(timeout.IsCancellationRequested, "The stream did not end after the server stopped.");
        Assert.True(rest is null or IOException or HttpRequestException, $"Unexpected {rest}");
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsNamingThePortAndTheFix()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<DashboardPortInUseException>(
            () => DashboardServer.StartAsync(new DashboardOptions(port), _lab.Store, [], CancellationToken.None));

        Assert.Equal(port, error.Port);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("--dashboard-port 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_GivenToken_UsesIt()
    {
        await using var server = await DashboardServer.StartAsync(new DashboardOptions(0, "fixed-token"), _lab.Store, [], CancellationToken.None);

        Assert.Equal("fixed-token", server.Token);
        Assert.EndsWith("/login?t=fixed-token", server.LoginUrl.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("Microsoft.Hosting.Lifetime")]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel")]
    [InlineData("System.Net.Http.HttpClient")]
    public void Logging_FrameworkCategories_WarningsOnlySoTheTerminalStaysQuiet(string category)
    {
        var logger = _lab.Server.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Options_ToString_HidesTheToken()
    {
        Assert.DoesNotContain("secret", new DashboardOptions(0, "secret").ToString(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _lab.Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString() ?? "";
    }

    // One SSE message: its lines up to the blank line, skipping keep-alive comments.
    private static async Task<string> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0 && lines.Count > 0)
            {
                return string.Join('\n', lines);
            }

            if (line.Length > 0 && !line.StartsWith(':'))
            {
                lines.Add(line);
            }
        }
    }
}
