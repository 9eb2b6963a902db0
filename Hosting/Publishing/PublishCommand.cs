using System.CommandLine;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Cli;
using Spectre.Console;

namespace Platform.Hosting.Publishing;

/// <summary><c>publish --output DIR</c>: writes every artifact of the model and index.json.</summary>
public static class PublishCommand
{
    /// <summary>Creates the command for a model builder.</summary>
    public static Command Create(IPlatformBuilder builder, IAnsiConsole? console = null)
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Folder to write the artifacts and index.json to. It is replaced as a whole, and only if it is new, empty or an earlier publish.",
            DefaultValueFactory = _ => new DirectoryInfo("publish"),
        };
        var command = new Command("publish", "Render every artifact of the platform (host files, Kubernetes objects, Helm chart declarations, rules, dashboards) into a folder, with index.json listing each one's layer, component and target.")
        {
            output,
        };
        command.SetAction(parse => Run(builder, parse.GetValue(output)!, console ?? AnsiConsole.Console));
        return command;
    }

    /// <summary>Runs publish; returns the exit code.</summary>
    public static int Run(IPlatformBuilder builder, DirectoryInfo output, IAnsiConsole console)
    {
        var model = ModelLoader.TryBuild(builder, console);
        if (model is null)
        {
            return ExitCodes.InvalidInput;
        }

        using var activity = PublishTelemetry.Start("publish");
        ArtifactIndex index;
        try
        {
            index = PlatformPublisher.Publish(model, output.FullName);
        }
        catch (PublishException e)
        {
            console.MarkupLine($"[red]Publish failed:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.InvalidInput;
        }

        var table = new Table().Title($"Published {index.Artifacts.Count} artifacts to {Markup.Escape(output.FullName)}")
            .AddColumn("Layer").AddColumn("Components").AddColumn(new TableColumn("Files").RightAligned());
        foreach (var layer in index.Artifacts.GroupBy(a => a.Layer).OrderBy(g => g.Key))
        {
            table.AddRow(
                $"{layer.Key} {Markup.Escape(((PlatformLayer)layer.Key).ToString())}",
                Markup.Escape(string.Join(", ", layer.Select(a => a.Component).Distinct())),
                layer.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine($"Index: [link]{Markup.Escape(Path.Combine(output.FullName, PlatformPublisher.IndexFileName))}[/]");
        return ExitCodes.Success;
    }
}
