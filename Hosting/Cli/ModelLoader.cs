using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Validation;
using Spectre.Console;

namespace Platform.Hosting.Cli;

/// <summary>Builds the model for a command and prints every validation error when it is broken.</summary>
public static class ModelLoader
{
    /// <summary>Builds the model; on errors prints each with its fix and returns null.</summary>
    public static PlatformModel? TryBuild(IDistributedApplicationBuilder builder, IAnsiConsole console)
    {
        try
        {
            return PlatformModel.Build(builder);
        }
        catch (PlatformValidationException e)
        {
            console.MarkupLine($"[red]The platform model has {e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}; nothing was done.[/]");
            for (var i = 0; i < e.Errors.Count; i++)
            {
                var error = e.Errors[i];
                console.MarkupLine($"  [red]{i + 1}.[/] [bold]{Markup.Escape(error.Resource)}[/]: {Markup.Escape(error.Problem)}");
                console.MarkupLine($"     [grey]Fix:[/] {Markup.Escape(error.Fix)}");
            }

            return null;
        }
    }
}
