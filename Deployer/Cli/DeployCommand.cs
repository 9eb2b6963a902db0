using Aspire.Hosting;
using System.CommandLine;
using System.Diagnostics;
using Platform.Deployer.Inventory;
using Platform.Deployer.Output;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Cli;
using Spectre.Console;

namespace Platform.Deployer.Cli;

/// <summary><c>deploy plan</c> and <c>deploy apply</c>: the model onto VMs over SSH.</summary>
public static class DeployCommand
{
    /// <summary>Creates the <c>deploy</c> command with its subcommands.</summary>
    /// <param name="builder">The model builder.</param>
    /// <param name="console">Where progress and tables go (default: the terminal).</param>
    /// <param name="stdout">Where --json goes (default: standard output).</param>
    /// <param name="monitor">Starts the dashboard for <c>apply --dashboard-port</c> (the AppHost passes the Lab's).</param>
    public static Command Create(IDistributedApplicationBuilder builder, IAnsiConsole? console = null, TextWriter? stdout = null, DeploymentMonitorFactory? monitor = null)
    {
        var deploy = new Command("deploy", "Deploy the platform onto Ubuntu 24.04 VMs over SSH. 'plan' shows every change per host and phase without touching anything; 'apply' makes them, resumable after a failure.");
        deploy.Add(Create(builder, console, stdout, monitor, dryRun: true));
        deploy.Add(Create(builder, console, stdout, monitor, dryRun: false));
        return deploy;
    }

    private static Command Create(IDistributedApplicationBuilder builder, IAnsiConsole? console, TextWriter? stdout, DeploymentMonitorFactory? monitor, bool dryRun)
    {
        var options = new DeployCommandOptions(dryRun, dashboard: !dryRun && monitor is not null);
        var command = new Command(dryRun ? "plan" : "apply", dryRun
            ? "Gather facts from every host and print the changes apply would make. Touches nothing."
            : "Make the changes, with live progress and a per-phase timing table. A failed apply resumes where it stopped.");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(builder, options.Read(parse), console ?? AnsiConsole.Console, stdout ?? Console.Out, cancellationToken, monitor));
        return command;
    }

    /// <summary>Runs plan or apply; returns the exit code.</summary>
    public static async Task<int> RunAsync(IDistributedApplicationBuilder builder, DeployCommandOptions.Values values, IAnsiConsole console, TextWriter stdout, CancellationToken cancellationToken, DeploymentMonitorFactory? monitor = null)
    {
        // --json keeps stdout machine-readable: progress and messages go to stderr.
        var ui = values.Json && ReferenceEquals(console, AnsiConsole.Console) ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }) : console;
        EtcdSourceOption.ApplyTo(builder, values.EtcdSource);

        var model = ModelLoader.TryBuild(builder, ui);
        if (model is null)
        {
            return ExitCodes.InvalidInput;
        }

        DeploymentInventory inventory;
        PhaseSelection selection;
        try
        {
            inventory = InventoryLoader.Load(values.Inventory, model);
            selection = PhaseSelection.Parse(values.Only, values.Skip, Phases.Pipeline.Phases);
        }
        catch (InventoryException e)
        {
            ui.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.InvalidInput;
        }
        catch (ArgumentException e)
        {
            ui.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ExitCodes.InvalidInput;
        }

        if (values.Parallel < 1)
        {
            ui.MarkupLine("[red]--parallel must be at least 1.[/]");
            return ExitCodes.InvalidInput;
        }

        var state = new StateFolder(values.State ?? StateFolder.DefaultPath(model.Cluster.Name));
        var options = new DeploymentOptions
        {
            DryRun = values.DryRun,
            Parallelism = values.Parallel,
            AcceptNewHostKeys = values.AcceptNewHostKeys,
            KnownHosts = new KnownHostsFile(values.KnownHosts),
            Selection = selection,
        };

        var live = !values.Json && !values.DryRun && ui.Profile.Capabilities.Interactive;
        var reporter = new ConsoleReporter(ui, live);
        IDeploymentObserver observer = reporter;
        DeploymentMonitor? dashboard = null;
        if (values.DashboardPort is { } port && monitor is not null)
        {
            try
            {
                dashboard = await monitor(model, inventory, port, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException e)
            {
                ui.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return ExitCodes.Failure;
            }

            observer = new CompositeObserver(reporter, dashboard.Observer);
            ui.MarkupLine($"Dashboard: [link]{Markup.Escape(dashboard.Url.ToString())}[/]");
        }

        await using var dashboardLifetime = dashboard?.Lifetime;
        if (!values.DryRun && Journal.Open(state.JournalPath) is { IsResume: true } journal)
        {
            ui.MarkupLine($"Resuming the apply started {journal.Started:u}: {journal.CompletedSteps} finished steps will be skipped.");
        }

        ui.MarkupLine($"{(values.DryRun ? "Planning" : "Applying")} [bold]{Markup.Escape(model.Cluster.Name)}[/] on {inventory.Topology.Machines.Count} machines (parallel {values.Parallel}, state {Markup.Escape(state.Path)})");
        var clock = Stopwatch.StartNew();
        DeploymentResult result;
        try
        {
            result = await reporter.ShowAsync(inventory.Topology.Machines.Select(m => m.Name),
                () => Deployment.RunAsync(model, inventory, state, options, observer, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ui.MarkupLine("[yellow]Interrupted.[/] Run apply again to resume.");
            return ExitCodes.Cancelled;
        }

        if (values.Json)
        {
            await stdout.WriteLineAsync(PlanJson.Serialize(model.Cluster.Name, inventory.Topology, result)).ConfigureAwait(false);
        }
        else if (values.DryRun)
        {
            ResultPrinter.PrintPlan(ui, result);
        }
        else
        {
            ResultPrinter.PrintApply(ui, result, clock.Elapsed);
        }

        return result.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
