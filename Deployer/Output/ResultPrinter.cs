using System.Globalization;
using Platform.Deployer.Phases;
using Spectre.Console;

namespace Platform.Deployer.Output;

/// <summary>Prints a plan's changes, an apply's timing table, warnings and failures.</summary>
public static class ResultPrinter
{
    /// <summary>Prints the plan: every change per host and phase, or that there is nothing to do.</summary>
    public static void PrintPlan(IAnsiConsole console, DeploymentResult result)
    {
        PrintWarnings(console, result);
        if (result.Changes.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumn("Host").AddColumn("Phase").AddColumn("Change");
            foreach (var change in result.Changes.OrderBy(c => c.Host, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(change.Host), Markup.Escape(change.Phase), Markup.Escape(change.Description));
            }

            console.Write(table);
        }

        PrintFailures(console, result);
        if (result.Failures.Count == 0)
        {
            var hosts = result.Changes.Select(c => c.Host).Distinct().Count();
            console.MarkupLine(result.Changes.Count == 0
                ? "[green]No changes.[/] The hosts match the model."
                : $"Plan: [bold]{result.Changes.Count}[/] change{(result.Changes.Count == 1 ? "" : "s")} on {hosts} host{(hosts == 1 ? "" : "s")}. Run [bold]deploy apply[/] to make them.");
        }
    }

    /// <summary>Prints the per-phase timing table and the outcome of an apply.</summary>
    public static void PrintApply(IAnsiConsole console, DeploymentResult result, TimeSpan elapsed)
    {
        PrintWarnings(console, result);
        var table = new Table().Border(TableBorder.Rounded).Title("Phases")
            .AddColumn("Phase").AddColumn(new TableColumn("Hosts").RightAligned()).AddColumn(new TableColumn("Changes").RightAligned())
            .AddColumn(new TableColumn("Failed").RightAligned()).AddColumn(new TableColumn("Resumed").RightAligned()).AddColumn(new TableColumn("Time").RightAligned());
        foreach (var t in result.Timings)
        {
            table.AddRow(Markup.Escape(t.Phase), Num(t.Hosts), Num(t.Changes), t.Failures > 0 ? $"[red]{t.Failures}[/]" : "0", Num(t.Resumed), Seconds(t.Duration));
        }

        console.Write(table);
        PrintFailures(console, result);
        if (result.Failures.Count == 0)
        {
            console.MarkupLine(result.Changes.Count == 0
                ? $"[green]No changes.[/] The hosts already matched the model ({Seconds(elapsed)})."
                : $"[green]Applied {result.Changes.Count} change{(result.Changes.Count == 1 ? "" : "s")}[/] in {Seconds(elapsed)}.");
        }
    }

    private static void PrintWarnings(IAnsiConsole console, DeploymentResult result)
    {
        foreach (var group in result.Warnings.GroupBy(w => w.Message).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var hosts = string.Join(", ", group.Select(w => w.Host).Distinct());
            console.MarkupLine($"[yellow]warning[/] {Markup.Escape(hosts)}: {Markup.Escape(group.Key)}");
        }
    }

    private static void PrintFailures(IAnsiConsole console, DeploymentResult result)
    {
        if (result.Failures.Count == 0)
        {
            return;
        }

        var phase = result.Failures[0].Phase;
        console.MarkupLine($"[red]Stopped after phase {Markup.Escape(phase)}:[/] {result.Failures.Count} host{(result.Failures.Count == 1 ? "" : "s")} failed; the other hosts finished the phase.");
        foreach (var failure in result.Failures)
        {
            console.MarkupLine($"  [red]{Markup.Escape(failure.Host)}[/]: {Markup.Escape(failure.Error.Message)}");
        }

        console.MarkupLine(Markup.Escape(HostFailure.Advice(result.Failures, "apply")));
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds < 60 ? $"{t.TotalSeconds:0.0}s" : $"{(int)t.TotalMinutes}m{t.Seconds:00}s";
}
