using Aspire.Hosting;
using System.CommandLine;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Cli;
using Spectre.Console;

namespace Platform.Lab.Cli;

/// <summary>Run mode: the local lab and the dashboard (the default mode, and <c>run</c>).</summary>
public static class RunCommand
{
    /// <summary>Makes run the root command's default action and adds an explicit <c>run</c> subcommand.</summary>
    public static void Configure(RootCommand root, IDistributedApplicationBuilder builder, IAnsiConsole? console = null)
    {
        var rootOptions = new RunCommandOptions();
        rootOptions.AddTo(root);
        root.SetAction((parse, ct) => RunAsync(builder, rootOptions, parse, console ?? AnsiConsole.Console, ct));

        var options = new RunCommandOptions();
        var run = new Command("run", "Bring the platform up locally as a lab and serve the dashboard (the default mode).");
        options.AddTo(run);
        run.SetAction((parse, ct) => RunAsync(builder, options, parse, console ?? AnsiConsole.Console, ct));
        root.Add(run);
    }

    private static async Task<int> RunAsync(IDistributedApplicationBuilder builder, RunCommandOptions options, ParseResult parse, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var (values, errors) = options.Read(parse);
        if (values is null)
        {
            foreach (var error in errors)
            {
                console.MarkupLine($"[red]{Markup.Escape(error)}[/]");
            }

            return ExitCodes.InvalidInput;
        }

        return await new LabHost(builder, values, console).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
