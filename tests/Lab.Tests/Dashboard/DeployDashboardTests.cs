using Aspire.Hosting;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Deployer.Cli;
using Platform.Lab.Dashboard;
using Platform.Testing;

namespace Platform.Lab.Tests.Dashboard;

public sealed class DeployDashboardTests
{
    [RequiresMachinesFact("ssh-keygen")]
    public async Task DeployApply_WithDashboardPort_ServesLivePerHostPerPhaseProgressDuringTheRun()
    {
        var builder = DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.81");
        await using var machines = await MachineLabFixture.StartAsync(builder.BuildModel());
        using var dir = new TempFolder();
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        DeploymentMonitorFactory monitor = async (model, inventory, port, ct) =>
        {
            var dashboard = await DeployDashboard.StartAsync(model, inventory, port, ct);
            started.SetResult(dashboard.Url);
            return dashboard;
        };

        var apply = CliRun.RunAsync((console, stdout) => DeployCommand.Create(builder, console, stdout, monitor),
            "deploy", "apply", "-i", machines.WriteInventory(), "--state", dir.Combine("state"), "--known-hosts", dir.Combine("known_hosts"),
            "--accept-new-host-keys", "--only", "prepare", "--dashboard-port", "0");
        var login = await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Uri.UnescapeDataString(login.Query[(login.Query.IndexOf("t=", StringComparison.Ordinal) + 2)..]));
        var seen = new HashSet<string>();
        while (!apply.IsCompleted && seen.Count < 2)
        {
            try
            {
                foreach (var cell in JsonDocument.Parse(await client.GetStringAsync(new Uri(login, "/api/deploy"))).RootElement.EnumerateArray())
                {
                    if (cell.GetProperty("phase").GetString() == "prepare")
                    {
                        seen.Add($"{cell.GetProperty("host").GetString()} {cell.GetProperty("status").GetString()}");
                    }
                }
            }
            catch (HttpRequestException)
            {
                break; // the run ended and the dashboard with it
            }

            await Task.Delay(250);
        }

        var result = await apply.WaitAsync(TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Dashboard: http://localhost:", result.Output, StringComparison.Ordinal);
        Assert.Contains(seen, s => s.StartsWith("cp-1 ", StringComparison.Ordinal) || s.StartsWith("worker-1 ", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.EndsWith(" running", StringComparison.OrdinalIgnoreCase) || s.EndsWith(" pending", StringComparison.OrdinalIgnoreCase));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(new Uri(login, "/api/deploy")));
    }
}
