using System.CommandLine;
using Spectre.Console;

namespace Platform.Testing;

/// <summary>Runs a real System.CommandLine command in-process and captures what it printed.</summary>
public static class CliRun
{
    /// <summary>The outcome of a run.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Output">What went to the console (progress, tables, errors).</param>
    /// <param name="Stdout">What went to standard output (--json).</param>
    public sealed record Result(int ExitCode, string Output, string Stdout);

    /// <summary>Creates a non-interactive console writing to <paramref name="writer"/>, wide enough not to wrap.</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 1000;
        return console;
    }

    /// <summary>Parses and invokes <paramref name="args"/> against a command built from the console and stdout writers.</summary>
    public static async Task<Result> RunAsync(Func<IAnsiConsole, TextWriter, Command> create, params string[] args)
    {
        var output = new StringWriter();
        var stdout = new StringWriter();
        var root = new RootCommand { create(Console(output), stdout) };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return new Result(code, output.ToString(), stdout.ToString());
    }
}
