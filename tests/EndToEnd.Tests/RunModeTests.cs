using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The AppHost's run mode as a user runs it: the real executable, the production model's machines lab, the
/// dashboard, then SIGTERM (what Ctrl+C and a service manager send) tearing down exactly that lab.
/// </summary>
public sealed partial class RunModeTests
{
    private const string KubernetesPhases = "kubernetes-packages,init,join-control-planes,join-workers,cni,addons";

    [RequiresMachinesFact("ssh-keygen")]
    public async Task AppHost_MachinesSubstrate_ServesLiveStateThenSigtermTearsDownOnlyItsLab()
    {
        using var dir = new TempFolder();
        var name = $"t-run-{Guid.NewGuid():N}"[..13];
        var engine = MachineTestEnvironment.Engine;
        var lines = new List<string>();
        using var process = Start(["--substrate", "machines", "--etcd-source", "distro", "--skip", KubernetesPhases, "--lab-name", name, "--dashboard-port", "0", "--state", dir.Combine("state")], engine, lines);
        try
        {
            var ready = await WaitForLineAsync(lines, process, l => l.StartsWith($"Lab {name} ready in", StringComparison.Ordinal), TimeSpan.FromMinutes(10));
            var login = new Uri(DashboardUrl().Match(Text(lines)).Value);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(10) };
            (await client.GetAsync(login)).EnsureSuccessStatusCode();
            var resources = JsonDocument.Parse(await client.GetStringAsync(new Uri(login, "/api/resources"))).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r);
            var deploy = await client.GetStringAsync(new Uri(login, "/api/deploy"));
            var containers = await MachineLab.CountExistingAsync(engine, name);

            Assert.Contains("19 Running", ready, StringComparison.Ordinal);
            Assert.Equal("Running", resources["etcd"].GetProperty("state").GetString());
            Assert.Equal("Running", resources["api"].GetProperty("state").GetString());
            Assert.Equal("NotInSubstrate", resources["prometheus"].GetProperty("state").GetString());
            Assert.StartsWith("ssh://root@127.0.0.1:", resources["lb-2"].GetProperty("endpoints")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Contains("\"phase\":\"load-balancer\",\"host\":\"lb-1\",\"status\":\"Done\"", deploy, StringComparison.Ordinal);
            Assert.Equal(9, containers); // 3 control planes, 3 workers, 2 load balancers, the router

            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(exit.Token);

            Assert.True(process.ExitCode == 0, Text(lines));
            Assert.Contains($"Lab {name} torn down: removed what it started.", Text(lines), StringComparison.Ordinal);
            Assert.Equal(0, await MachineLab.CountExistingAsync(engine, name));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await MachineLab.RemoveExistingAsync(engine, name);
        }
    }

    /// <summary>The built AppHost, run as <c>dotnet Platform.AppHost.dll</c> so signals reach it directly.</summary>
    private static Process Start(IEnumerable<string> arguments, Uri engine, List<string> lines)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var appHost = Path.Combine(RepositoryPaths.Root, "AppHost", "bin", configuration, "net10.0", "Platform.AppHost.dll");
        Assert.True(File.Exists(appHost), $"{appHost} is not built: dotnet build Platform.sln -c {configuration}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(appHost);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOCKER_HOST"] = engine.ToString();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Add(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> WaitForLineAsync(List<string> lines, Process process, Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            lock (lines)
            {
                if (lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                if (lines.Any(l => l.StartsWith("The lab failed to come up", StringComparison.Ordinal)))
                {
                    break;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The AppHost {(process.HasExited ? $"exited with {process.ExitCode}" : $"reported no ready lab within {timeout}, or reported the lab failed")}. Output:\n{Text(lines)}");
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private static string Text(List<string> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }

    [GeneratedRegex(@"http://localhost:\d+/login\?t=[0-9a-f]+")]
    private static partial Regex DashboardUrl();
}
