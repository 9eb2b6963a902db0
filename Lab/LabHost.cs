using Aspire.Hosting;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Cli;
using Platform.Hosting.Publishing;
using Platform.Lab.Cli;
using Platform.Lab.Dashboard;
using Platform.Lab.Machines;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;
using Spectre.Console;

namespace Platform.Lab;

/// <summary>
/// Run mode from start to end: the model, the dashboard (first, so it shows everything that follows),
/// the engine, the substrate, the summary, serving until Ctrl+C, then teardown of what the lab started.
/// </summary>
public sealed class LabHost(IDistributedApplicationBuilder builder, RunCommandOptions.Values values, IAnsiConsole console)
{
    private readonly TaskCompletionSource<Uri> _loginUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The dashboard's login URL (with its token), once it serves.</summary>
    public Task<Uri> LoginUrl => _loginUrl.Task;

    /// <summary>The lab's state, for the dashboard and tests.</summary>
    public ResourceStateStore? Store { get; private set; }

    /// <summary>Runs the lab; returns the exit code. Cancelling the token is Ctrl+C.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (values.Substrate == LabSubstrateKind.Machines)
        {
            MachinesSubstrate.PrepareModel(builder, values.EtcdSource);
        }

        var model = ModelLoader.TryBuild(builder, console);
        if (model is null)
        {
            return ExitCodes.InvalidInput;
        }

        var substrateName = values.Substrate.ToString().ToLowerInvariant();
        var store = Store = new ResourceStateStore(model, new LabStatus(values.Name, substrateName, "starting", Ready: false));
        var artifacts = ArtifactRenderers.RenderAll(RenderContext.ForPublish(model));
        DashboardServer dashboard;
        try
        {
            dashboard = await DashboardServer.StartAsync(new DashboardOptions { Port = values.DashboardPort }, store, artifacts, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.Failure;
        }

        await using (dashboard.ConfigureAwait(false))
        {
            console.MarkupLine($"Dashboard: [link]{Markup.Escape(dashboard.LoginUrl.ToString())}[/]");
            _loginUrl.TrySetResult(dashboard.LoginUrl);
            if (values.Open)
            {
                OpenInBrowser(dashboard.LoginUrl);
            }

            return await RunLabAsync(model, store, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> RunLabAsync(PlatformModel model, ResourceStateStore store, CancellationToken cancellationToken)
    {
        Uri engine;
        try
        {
            engine = await ContainerEngine.DiscoverAsync(cancellationToken, values.Engine is null ? null : [values.Engine]).ConfigureAwait(false);
        }
        catch (ContainerEngineNotFoundException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            store.SetLab("no container engine: the lab cannot start; the model and artifacts are shown", ready: false);
            return await ServeUntilStoppedAsync("The dashboard still serves the model and the published artifacts.", ExitCodes.Failure, cancellationToken).ConfigureAwait(false);
        }

        var options = new LabOptions
        {
            Model = model,
            Name = values.Name,
            Engine = engine,
            StateDirectory = values.StateDirectory,
            Existing = values.Existing,
            SkipPhases = values.Skip,
            Progress = line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"),
        };
        ILabSubstrate substrate = values.Substrate == LabSubstrateKind.Machines ? new MachinesSubstrate(options) : new FastSubstrate(options);
        var exitCode = ExitCodes.Success;
        var clock = Stopwatch.StartNew();
        try
        {
            console.MarkupLine($"Starting the [bold]{values.Substrate.ToString().ToLowerInvariant()}[/] lab [bold]{Markup.Escape(values.Name)}[/] on {Markup.Escape(engine.ToString())}");
            await substrate.StartAsync(store, cancellationToken).ConfigureAwait(false);
            store.SetLab($"ready in {clock.Elapsed.TotalSeconds:0} s", ready: true);
            PrintSummary(store, clock.Elapsed);
            exitCode = await ServeUntilStoppedAsync("The lab is up.", ExitCodes.Success, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Interrupted.[/]");
            exitCode = ExitCodes.Cancelled;
        }
        catch (PlatformException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            store.SetLab("failed: " + e.Message, ready: false);
            exitCode = await ServeUntilStoppedAsync("The lab failed to come up; the dashboard shows where.", ExitCodes.Failure, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TearDownAsync(substrate, store).ConfigureAwait(false);
        }

        return exitCode;
    }

    private async Task<int> ServeUntilStoppedAsync(string why, int exitCode, CancellationToken cancellationToken)
    {
        if (values.ExitWhenReady)
        {
            return exitCode;
        }

        console.MarkupLine($"{Markup.Escape(why)} Press Ctrl+C to {(values.Keep ? "exit (the lab is kept)" : "tear it down and exit")}.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return exitCode;
    }

    private async Task TearDownAsync(ILabSubstrate substrate, ResourceStateStore store)
    {
        if (values.Keep)
        {
            substrate.Keep();
        }

        try
        {
            await substrate.DisposeAsync().ConfigureAwait(false);
            if (values.Keep)
            {
                console.MarkupLine($"Lab [bold]{Markup.Escape(values.Name)}[/] kept running (--keep): the next run reuses it; --replace starts afresh.");
                return;
            }

            foreach (var resource in store.Resources.Where(r => r.State is ResourceState.Running or ResourceState.Starting))
            {
                store.Set(resource.Name, ResourceState.Stopped, "torn down");
            }

            console.MarkupLine($"Lab [bold]{Markup.Escape(values.Name)}[/] torn down: removed what it started.");
        }
        catch (Exception e) when (e is PlatformException or IOException or HttpRequestException or Docker.DotNet.DockerApiException)
        {
            console.MarkupLine($"[red]Tearing lab {Markup.Escape(values.Name)} down failed: {Markup.Escape(e.Message)}[/] Remove what is left: podman rm -f $(podman ps -aq --filter label={MachineLabLabels.Lab}={Markup.Escape(values.Name)}).");
        }
    }

    private void PrintSummary(ResourceStateStore store, TimeSpan elapsed)
    {
        var table = new Table().AddColumns("resource", "type", "state", "endpoints");
        foreach (var resource in store.Resources.Where(r => r.Endpoints.Count > 0 || r.State == ResourceState.Failed))
        {
            table.AddRow(Markup.Escape(resource.Name), Markup.Escape(resource.Type), resource.State.ToString(), Markup.Escape(string.Join("  ", resource.Endpoints.Select(e => $"{e.Name} {e.Url}"))));
        }

        var counts = store.Resources.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}");
        console.Write(table);
        console.MarkupLine($"Lab [bold]{Markup.Escape(values.Name)}[/] ready in {elapsed.TotalSeconds:0} s: {string.Join(", ", counts)}.");
    }

    private void OpenInBrowser(Uri url)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("xdg-open", [url.ToString()]) { RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            console.MarkupLine("[yellow]--open: no xdg-open here; open the dashboard URL above yourself.[/]");
        }
    }
}
