using System.CommandLine;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Cli;
using Platform.Hosting.Cli;
using Platform.Hosting.Publishing;
using Platform.Lab.Cli;
using Platform.Lab.Dashboard;
using Platform.ServiceDefaults;
using Spectre.Console;

namespace Platform.AppHost;

/// <summary>
/// Until the lab and the Deployer run as Aspire resources and pipeline steps, the earlier command line
/// (<c>--substrate</c>, <c>publish</c>, <c>deploy plan|apply</c>) still serves; everything else is Aspire's.
/// </summary>
internal static class PlatformCommandLine
{
    private static readonly string[] LegacyCommands = ["publish", "deploy", "run", "--help", "-h"];

    /// <summary>True when the arguments are the earlier command line's.</summary>
    public static bool IsLegacy(string[] args)
        => args.Length > 0 && (LegacyCommands.Contains(args[0]) || args.Any(a => a == "--substrate" || a.StartsWith("--substrate=", StringComparison.Ordinal)));

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

        var root = new RootCommand(
            "Platform: one typed model of a production Kubernetes platform.\n\n" +
            "Modes:\n" +
            "  run      bring the platform up locally as a lab (--substrate machines|fast)\n" +
            "  publish  render every artifact into a folder (aspire publish -o DIR does the same)\n" +
            "  deploy   plan and apply the platform onto Ubuntu 24.04 VMs over SSH");
        RunCommand.Configure(root, builder);
        root.Add(Publish(builder));
        root.Add(DeployCommand.Create(builder, monitor: DeployDashboard.StartAsync));
        // Ctrl+C and SIGTERM cancel the running mode, which then tears down what it started: give that time.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(3) }).ConfigureAwait(false);
    }

    private static Command Publish(IDistributedApplicationBuilder builder)
    {
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder to write the artifacts and index.json to.", DefaultValueFactory = _ => new DirectoryInfo("publish") };
        var command = new Command("publish", "Render every artifact of the platform into a folder, with index.json.") { output };
        command.SetAction(parse =>
        {
            var model = ModelLoader.TryBuild(builder, AnsiConsole.Console);
            if (model is null)
            {
                return ExitCodes.InvalidInput;
            }

            try
            {
                var index = PlatformPublisher.Publish(model, parse.GetValue(output)!.FullName);
                AnsiConsole.MarkupLine($"Published {index.Artifacts.Count} artifacts to {Markup.Escape(parse.GetValue(output)!.FullName)}");
                return ExitCodes.Success;
            }
            catch (PublishException e)
            {
                AnsiConsole.MarkupLine($"[red]Publish failed:[/] {Markup.Escape(e.Message)}");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
