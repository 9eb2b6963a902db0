using System.CommandLine;
using Platform.Hosting.ApplicationModel;

namespace Platform.Lab.Cli;

/// <summary>Run mode: the local lab and the dashboard.</summary>
public static class RunCommand
{
    /// <summary>Makes run the root command's default action and adds an explicit <c>run</c> subcommand.</summary>
    public static void Configure(RootCommand root, IPlatformBuilder builder)
    {
        var run = new Command("run", "Bring the platform up locally as a lab and serve the dashboard (the default mode).");
        run.SetAction(_ => Run(builder));
        root.Add(run);
        root.SetAction(_ => Run(builder));
    }

    private static int Run(IPlatformBuilder builder)
    {
        _ = builder;
        Console.Error.WriteLine("Run mode is not built yet.");
        return 1;
    }
}
