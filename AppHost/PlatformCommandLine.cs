using System.CommandLine;
using Aspire.Hosting;
using Platform.Deployer.Cli;
using Platform.ServiceDefaults;
using Spectre.Console;

namespace Platform.AppHost;

/// <summary>
/// Until the Deployer's phases run as Aspire pipeline steps, <c>deploy plan|apply</c> still serves through the
/// earlier command line; everything else (run, publish) is Aspire's.
/// </summary>
internal static class PlatformCommandLine
{
    /// <summary>True when the arguments are the earlier deploy command line's.</summary>
    public static bool IsLegacy(string[] args) => args.Length > 0 && args[0] == "deploy";

    /// <summary>The arguments Aspire's configuration reads: none for the earlier command line (it has short options Aspire would refuse).</summary>
    public static string[] AspireArguments(string[] args) => IsLegacy(args) ? [] : args;

    public static async Task<int> InvokeAsync(IDistributedApplicationBuilder builder, string[] args)
    {
        if (!IsLegacy(args))
        {
            await builder.Build().RunAsync().ConfigureAwait(false);
            return Environment.ExitCode;
        }

        using var telemetry = Extensions.StartCommandLineTelemetry("platform-apphost");
        if (Console.IsOutputRedirected)
        {
            // Logs and CI keep whole lines; Spectre would otherwise wrap at 80 columns.
            AnsiConsole.Profile.Width = 240;
        }

        var root = new RootCommand("Platform: deploy plan|apply onto Ubuntu 24.04 VMs over SSH.") { DeployCommand.Create(builder) };
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(3) }).ConfigureAwait(false);
    }
}
