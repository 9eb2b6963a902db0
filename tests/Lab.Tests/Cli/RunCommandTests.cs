using System.CommandLine;
using System.Net;
using System.Text.Json;
using Platform.Lab;
using Platform.Lab.Cli;
using Platform.Testing;

namespace Platform.Lab.Tests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_NoEngine_ExitsOneNamingWhatWasTried_AndTheDashboardServesUntilStopped()
    {
        using var dir = new TempFolder();
        var output = new LockedWriter();
        var values = Parse("--engine", "unix:///nonexistent/platform-test.sock", "--dashboard-port", "0", "--state", dir.Combine("state"));
        var host = new LabHost(DeployerTestModels.Lab(), values, CliRun.Console(output));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var run = host.RunAsync(stop.Token);
        var login = await host.LoginUrl.WaitAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(10) };
        (await client.GetAsync(login)).EnsureSuccessStatusCode();
        var lab = await WaitForAsync(async () => await client.GetStringAsync(new Uri(login, "/api/lab")), s => s.Contains("no container engine", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var resources = JsonDocument.Parse(await client.GetStringAsync(new Uri(login, "/api/resources"))).RootElement;
        var artifacts = await client.GetStringAsync(new Uri(login, "/api/artifacts"));
        Assert.False(run.IsCompleted, "run mode must keep serving the dashboard until stopped");
        await stop.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains("No container engine is reachable", output.Text, StringComparison.Ordinal);
        Assert.Contains("unix:///nonexistent/platform-test.sock: no such socket", output.Text, StringComparison.Ordinal);
        Assert.Contains("scripts/setup-container-engine.sh", output.Text, StringComparison.Ordinal);
        Assert.Contains("\"substrate\":\"fast\"", lab, StringComparison.Ordinal);
        Assert.Contains(resources.EnumerateArray(), r => r.GetProperty("name").GetString() == "etcd");
        Assert.Contains("haproxy.cfg", artifacts, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(new Uri(login, "/api/lab")));
    }

    [Fact]
    public async Task Run_NoEngineAndExitWhenReady_ExitsOneAtOnce()
    {
        using var dir = new TempFolder();
        var output = new LockedWriter();
        var values = Parse("--engine", "unix:///nonexistent/platform-test.sock", "--dashboard-port", "0", "--state", dir.Combine("state"), "--exit-when-ready");

        var exitCode = await new LabHost(DeployerTestModels.Lab(), values, CliRun.Console(output)).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, exitCode);
        Assert.Contains("No container engine is reachable", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadOptions_ExitTwoNamingEveryProblem()
    {
        var output = new StringWriter();
        var root = new RootCommand();
        RunCommand.Configure(root, DeployerTestModels.Lab(), CliRun.Console(output));

        var exitCode = await root.Parse(["--lab-name", "Bad_Name", "--dashboard-port", "70000", "--skip", "etcd,nope", "--engine", "ftp://x"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(2, exitCode);
        Assert.Contains("--lab-name 'Bad_Name'", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--dashboard-port 70000", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--skip 'nope': no such phase", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--skip applies to --substrate machines", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--engine 'ftp://x'", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BrokenModel_ExitsTwoListingItsErrors()
    {
        var output = new StringWriter();
        var builder = DeployerTestModels.Lab(controlPlanes: 2);
        var root = new RootCommand();
        RunCommand.Configure(root, builder, CliRun.Console(output));

        var exitCode = await root.Parse(["--dashboard-port", "0", "--exit-when-ready"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });

        Assert.Equal(2, exitCode);
        Assert.Contains("The platform model has", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard:", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="until"/> holds, within <paramref name="timeout"/>.</summary>
    internal static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (until(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }

    private static RunCommandOptions.Values Parse(params string[] args)
    {
        var options = new RunCommandOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var (values, errors) = options.Read(command.Parse(args));
        Assert.True(values is not null, string.Join("; ", errors));
        return values;
    }

    /// <summary>A writer the lab writes to while the test reads it.</summary>
    private sealed class LockedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, index, count);
            }
        }
    }
}
