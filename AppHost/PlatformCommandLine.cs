using System.CommandLine;
using Platform.Deployer.Cli;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Lab.Cli;
using Platform.Lab.Dashboard;
using Platform.ServiceDefaults;

namespace Platform.AppHost;

/// <summary>The three modes over one model: run (default), publish and deploy.</summary>
internal static class PlatformCommandLine
{
    public static async Task<int> InvokeAsync(IPlatformBuilder builder, string[] args)
    {
        using var telemetry = Extensions.StartCommandLineTelemetry("platform-apphost");
        if (Console.IsOutputRedirected)
        {
            // Logs and CI keep whole lines; Spectre would otherwise wrap at 80 columns.
            Spectre.Console.AnsiConsole.Profile.Width = 240;
        }

        var root = new RootCommand(
            "Platform: one typed model of a production Kubernetes platform.\n\n" +
            "Modes:\n" +
            "  run      (default) bring the platform up locally as a lab and open the dashboard\n" +
            "  publish  render every artifact (host files, Kubernetes objects, charts) into a folder\n" +
            "  deploy   plan and apply the platform onto Ubuntu 24.04 VMs over SSH");
        RunCommand.Configure(root, builder);
        root.Add(PublishCommand.Create(builder));
        root.Add(DeployCommand.Create(builder, monitor: DeployDashboard.StartAsync));
        // Ctrl+C and SIGTERM cancel the running mode, which then tears down what it started: give that time.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(3) });
    }
}
