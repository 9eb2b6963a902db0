using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting.Validation;
using Platform.Lab.Machines;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;
using Platform.Lab.Telemetry;
using Platform.ServiceDefaults;

namespace Platform.Lab;

/// <summary>
/// Run mode from start to end: started by the lab resource's <see cref="InitializeResourceEvent"/>, it finds the
/// container engine, brings the substrate up while publishing every resource's state to Aspire, and when the
/// AppHost stops it removes exactly what it started (unless <c>Lab:Keep</c>). Health checks and commands read the
/// running lab from here.
/// </summary>
public sealed class LabLifecycle(LabSettings settings, ILogger<LabLifecycle> logger, IServiceProvider services) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;
    private ILabSubstrate? _substrate;

    /// <summary>The settings the lab runs with.</summary>
    public LabSettings Settings => settings;

    /// <summary>The validated model, once the lab started.</summary>
    public PlatformModel? Model { get; private set; }

    /// <summary>Where the lab publishes states and logs, once it started.</summary>
    public LabResources? Resources { get; private set; }

    /// <summary>The machines substrate, when that is the one running.</summary>
    public MachinesSubstrate? MachinesSubstrate => _substrate as MachinesSubstrate;

    /// <summary>The running machines, when the machines substrate is up.</summary>
    public MachineLab? Machines => MachinesSubstrate?.Lab;

    /// <summary>True once the substrate is up and deployed.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Completes when the lab is up, or failed (with the failure).</summary>
    public Task Started => _started.Task;

    /// <summary>Starts bringing the lab up in the background (the orchestrator must not wait for it).</summary>
    internal void Start(LabResources resources, IEnumerable<IResource> appModel)
    {
        Resources = resources;
        _run = Task.Run(() => RunAsync(resources, appModel, _stopping.Token));
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The AppHost is stopping: stop bringing the lab up, then remove what it started.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_substrate is null)
        {
            return;
        }

        if (settings.Keep)
        {
            _substrate.Keep();
        }

        try
        {
            await _substrate.DisposeAsync().ConfigureAwait(false);
            logger.LogInformation(settings.Keep
                ? "Lab {Name} kept running (Lab:Keep=true): the next run reuses it; Lab:Replace=true starts afresh."
                : "Lab {Name} torn down: removed what it started.", settings.Name);
        }
        catch (Exception e) when (e is PlatformException or IOException or HttpRequestException or Docker.DotNet.DockerApiException)
        {
            logger.LogError("Tearing lab {Name} down failed: {Error} Remove what is left: podman rm -f $(podman ps -aq --filter label={Label}={Name}).", settings.Name, e.Message, MachineLabLabels.Lab, settings.Name);
        }

        _substrate = null;
    }

    /// <summary>The dashboard's Source column: what each resource is installed from, and the image machines boot.</summary>
    private void ShowSources(LabResources resources, PlatformModel model)
    {
        foreach (var resource in model.Resources)
        {
            var source = resource is MachineResource && settings.Substrate == LabSubstrateKind.Machines ? settings.Image : resource.DeployedFrom;
            if (source is not null)
            {
                resources.SetProperties(resource.Name, (CustomResourceKnownProperties.Source, source));
            }
        }
    }

    /// <summary>The dashboard's telemetry starts once its endpoints exist; the lab's spans should not start before.</summary>
    private async Task WaitForTelemetryAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<AppHostTelemetry>() is not { } telemetry)
        {
            return;
        }

        try
        {
            await telemetry.Ready.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The dashboard's OTLP endpoint was not allocated within 30 s; the lab's spans and metrics will not show in it.");
        }
    }

    private async Task RunAsync(LabResources resources, IEnumerable<IResource> appModel, CancellationToken cancellationToken)
    {
        await WaitForTelemetryAsync(cancellationToken).ConfigureAwait(false);
        using var activity = PlatformTelemetry.Lab.StartActivity("lab start");
        activity?.SetTag("platform.lab", settings.Name);
        activity?.SetTag("platform.substrate", settings.Substrate.ToString().ToLowerInvariant());
        var clock = Stopwatch.StartNew();
        try
        {
            Model = PlatformModel.Build(appModel);
            ShowSources(resources, Model);
            resources.SetLab(ResourceState.Starting, $"finding a container engine for the {settings.Substrate.ToString().ToLowerInvariant()} lab '{settings.Name}'");
            var engine = await ContainerEngine.DiscoverAsync(cancellationToken, settings.Engine is null ? null : [settings.Engine]).ConfigureAwait(false);
            var options = new LabOptions
            {
                Model = Model,
                Name = settings.Name,
                Engine = engine,
                StateDirectory = settings.StateDirectory,
                Existing = settings.Existing,
                SkipPhases = settings.Skip,
                Image = settings.Image,
                Progress = line => resources.AppendLog(resources.Lab.Name, line),
            };
            _substrate = settings.Substrate == LabSubstrateKind.Machines ? new MachinesSubstrate(options) : new FastSubstrate(options);
            resources.SetLab(ResourceState.Starting, $"starting on {engine}");
            await _substrate.StartAsync(resources, cancellationToken).ConfigureAwait(false);
            IsReady = true;
            resources.SetLab(ResourceState.Running, $"ready in {clock.Elapsed.TotalSeconds:0} s");
            logger.LogInformation("Lab {Name} ready in {Seconds:0} s.", settings.Name, clock.Elapsed.TotalSeconds);
            _started.TrySetResult();
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            _started.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e) when (e is PlatformException or ContainerEngineNotFoundException or IOException or HttpRequestException or Docker.DotNet.DockerApiException)
        {
            var message = e is PlatformValidationException ? e.Message + Environment.NewLine + "Nothing was started. Fix AppHost/Program.cs and run again." : e.Message;
            if (e is ContainerEngineNotFoundException or PlatformValidationException)
            {
                // Nothing can run: every resource the lab would have brought up says why.
                foreach (var resource in appModel.OfType<PlatformResource>())
                {
                    resources.Set(resource.Name, ResourceState.Failed, e is PlatformValidationException ? "the model is invalid (see the lab's console log)" : "no container engine (see the lab's console log)");
                }
            }

            resources.SetLab(ResourceState.Failed, message);
            logger.LogError("Lab {Name} failed: {Error}", settings.Name, message);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            _started.TrySetException(e);
        }
    }
}
