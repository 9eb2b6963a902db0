using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Publishing;
using Platform.Hosting.Validation;

namespace Platform.Hosting.Pipeline;

/// <summary>
/// The platform's part of Aspire's pipeline: validation before anything starts, in every mode, and the publish
/// step that writes every artifact and index.json to <c>aspire publish -o DIR</c>.
/// </summary>
public static class PlatformPipeline
{
    /// <summary>Checks the whole model and reports every error; the steps that act on the platform depend on it.</summary>
    public const string ValidateStep = "validate-platform";

    /// <summary>Writes every artifact and index.json; required by <c>aspire publish</c>.</summary>
    public const string PublishStep = "publish-platform";

    /// <summary>The exit code of a run-mode AppHost whose model is invalid.</summary>
    public const int InvalidModelExitCode = 2;

    /// <summary>Registers validation and the publish step once per builder.</summary>
    public static void EnsureRegistered(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(Registered)))
        {
            return;
        }

        builder.Services.AddSingleton<Registered>();
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((e, _) => ValidateBeforeRun(e.Services, e.Model));
        }

        builder.Pipeline.AddStep(ValidateStep, context =>
        {
            var model = PlatformModel.Build(context.Model.Resources);
            context.ReportingStep.Log(LogLevel.Information, $"The platform model is valid: {model.Resources.Count} resources in {model.Resources.Select(r => r.Layer).Distinct().Count()} layers.");
            return Task.CompletedTask;
        });
        builder.Pipeline.AddStep(PublishStep, PublishAsync, dependsOn: ValidateStep, requiredBy: WellKnownPipelineSteps.Publish);
    }

    /// <summary>
    /// Run mode: an invalid model is reported in full and the AppHost stops with exit code 2 before the lab starts
    /// (the lab checks the model again and starts nothing).
    /// </summary>
    private static Task ValidateBeforeRun(IServiceProvider services, DistributedApplicationModel appModel)
    {
        try
        {
            PlatformModel.Build(appModel.Resources);
        }
        catch (PlatformValidationException e)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Validation").LogError("{Errors}\nNothing was started. Fix AppHost/Program.cs and run again.", e.Message);
            Environment.ExitCode = InvalidModelExitCode;
            services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        return Task.CompletedTask;
    }

    private static async Task PublishAsync(PipelineStepContext context)
    {
        var model = PlatformModel.Build(context.Model.Resources);
        var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
        using var activity = PublishTelemetry.Start("publish");
        var task = await context.ReportingStep.CreateTaskAsync($"Rendering {model.Cluster.Name} into {output}", context.CancellationToken).ConfigureAwait(false);
        ArtifactIndex index;
        try
        {
            index = PlatformPublisher.Publish(model, output);
        }
        catch (PublishException e)
        {
            await task.CompleteAsync(e.Message, CompletionState.CompletedWithError, context.CancellationToken).ConfigureAwait(false);
            throw;
        }

        foreach (var layer in index.Artifacts.GroupBy(a => a.Layer).OrderBy(g => g.Key))
        {
            context.ReportingStep.Log(LogLevel.Information,
                $"layer {PlatformResourceBuilderExtensions.LayerText((PlatformLayer)layer.Key)}: {layer.Count()} files ({string.Join(", ", layer.Select(a => a.Component).Distinct())})");
        }

        await task.CompleteAsync($"Wrote {index.Artifacts.Count} artifacts for all {index.Artifacts.Select(a => a.Layer).Distinct().Count()} layers", CompletionState.Completed, context.CancellationToken).ConfigureAwait(false);
        context.Summary.Add("Artifacts", $"{index.Artifacts.Count}");
        context.Summary.Add("Index", Path.Combine(output, PlatformPublisher.IndexFileName));
    }

    private sealed class Registered;
}
