using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Deployer.Etcd;
using Platform.Deployer.Inventory;
using Platform.Deployer.Output;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;

namespace Platform.Deployer.Steps;

/// <summary>
/// The shared state of one pipeline run: model, inventory, options, state folder, and the apply's context
/// (journal, one SSH connection per host) that every phase step runs in. The first step that needs it
/// creates it after checking all input; it closes once every phase the run scheduled has finished or can no
/// longer run, and at the latest when the AppHost stops.
/// </summary>
internal sealed class DeploySession : IAsyncDisposable
{
    private const string Again = "aspire deploy";
    private readonly Lock _lock = new();
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly PhaseRouter _router = new();
    private readonly PhaseGraph _graph = PhaseGraph.Default;
    private readonly IReadOnlySet<string> _scheduled;
    private DeploymentContext? _apply;
    private DeploymentRun? _run;
    private bool _closed;

    private DeploySession(DeploymentInput input, StateFolder state, string? target)
    {
        Input = input;
        State = state;
        // The phases Aspire runs: the one asked for with its dependencies (aspire do etcd), or all (aspire deploy).
        _scheduled = target is not null && _graph.Contains(target) ? _graph.WithDependencies(target) : _graph.Phases.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    public DeploymentInput Input { get; }

    public PlatformModel Model => Input.Model;

    public DeploymentInventory Inventory => Input.Inventory;

    public StateFolder State { get; }

    /// <summary>Checks options, parameter, model and inventory, all before anything is touched.</summary>
    public static async Task<DeploySession> CreateAsync(PipelineStepContext step, ParameterResource inventoryParameter)
    {
        string? path = null;
        try
        {
            path = await inventoryParameter.GetValueAsync(step.CancellationToken).ConfigureAwait(false);
        }
        catch (MissingParameterValueException)
        {
            // Reported with the other input problems.
        }

        var input = DeploymentInput.Load(step.Model.Resources, step.Services.GetRequiredService<IConfiguration>(), path, inventoryParameter.Name);
        return new DeploySession(input, new StateFolder(input.StatePath), step.Services.GetService<IOptions<PipelineOptions>>()?.Value.Step);
    }

    /// <summary>Runs one phase of the apply in its own step; throws naming hosts, error and retry advice when it fails.</summary>
    public async Task RunPhaseAsync(PipelineStepContext step, IPhase phase)
    {
        var (context, run) = Apply(step);
        var observer = new StepObserver(step.ReportingStep, namePhase: false, step.CancellationToken);
        _router.Attach(phase.Name, observer);
        var succeeded = false;
        try
        {
            succeeded = await DeploymentRunner.RunPhaseAsync(context, phase, run, step.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await observer.FlushAsync().ConfigureAwait(false);
            await SettleAsync(step, phase.Name, succeeded).ConfigureAwait(false);
        }

        if (!succeeded)
        {
            throw new DeploymentFailedException([.. run.Failures.Where(f => f.Phase == phase.Name)], Again);
        }
    }

    /// <summary>The whole graph in dry-run: every change per host and phase, plan.json in the output folder when one is given.</summary>
    public async Task PlanAsync(PipelineStepContext step)
    {
        var observer = new StepObserver(step.ReportingStep, namePhase: true, step.CancellationToken);
        var context = new DeploymentContext(Model, Inventory, State, Options(dryRun: true), observer);
        DeploymentResult result;
        try
        {
            result = await DeploymentRunner.RunAsync(context, _graph, step.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await observer.FlushAsync().ConfigureAwait(false);
            await context.DisconnectAsync().ConfigureAwait(false);
        }

        foreach (var machine in Inventory.Topology.Machines)
        {
            var task = await step.ReportingStep.CreateTaskAsync(machine.Name, step.CancellationToken).ConfigureAwait(false);
            var count = result.Changes.Count(c => c.Host == machine.Name);
            await task.CompleteAsync($"{machine.Name}: {StepObserver.Count(count, "change")}", CompletionState.Completed, step.CancellationToken).ConfigureAwait(false);
        }

        if (step.Services.GetService<IOptions<PipelineOptions>>()?.Value.OutputPath is { Length: > 0 } output)
        {
            Directory.CreateDirectory(output);
            var file = Path.Combine(Path.GetFullPath(output), "plan.json");
            await File.WriteAllTextAsync(file, PlanJson.Serialize(Model.Cluster.Name, Inventory.Topology, result), step.CancellationToken).ConfigureAwait(false);
            step.Summary.Add("Plan file", file);
        }

        if (result.Failures.Count > 0)
        {
            throw new DeploymentFailedException(result.Failures, "aspire do plan");
        }

        var hosts = result.Changes.Select(c => c.Host).Distinct().Count();
        step.Summary.Add("Plan", result.Changes.Count == 0
            ? "No changes. The hosts match the model."
            : $"{StepObserver.Count(result.Changes.Count, "change")} on {StepObserver.Count(hosts, "host")}. Run aspire deploy to make them.");
        AddSummary(step, result);
    }

    /// <summary>The scope of an etcd operation step: this run's model, inventory, state and options, its log lines to the step.</summary>
    public EtcdOperationScope Scope(PipelineStepContext step, IDeploymentObserver observer)
        => new(Model, Inventory, State, Options(dryRun: false))
        {
            Log = line => step.ReportingStep.Log(LogLevel.Information, line),
            Observer = observer,
            Confirmed = Input.Settings.Confirm,
        };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        DeploymentContext? apply;
        lock (_lock)
        {
            apply = _closed ? null : _apply;
            _closed = true;
        }

        _run?.Dispose();
        if (apply is not null)
        {
            await apply.DisconnectAsync().ConfigureAwait(false);
        }
    }

    private (DeploymentContext Context, DeploymentRun Run) Apply(PipelineStepContext step)
    {
        lock (_lock)
        {
            if (_apply is null)
            {
                var journal = Journal.Open(State.JournalPath);
                if (journal.IsResume)
                {
                    step.ReportingStep.Log(LogLevel.Information, $"Resuming the apply started {journal.Started:u}: {journal.CompletedSteps} finished steps will be skipped.");
                }

                _apply = new DeploymentContext(Model, Inventory, State, Options(dryRun: false), _router) { Journal = journal, Ledger = HostLedger.Open(State.LedgerPath) };
                _run = new DeploymentRun(_apply);
            }

            return (_apply, _run!);
        }
    }

    // A failed phase's dependents never run: they are settled too. Once all are, the apply is over.
    private async Task SettleAsync(PipelineStepContext step, string phase, bool succeeded)
    {
        lock (_lock)
        {
            _settled.Add(phase);
            if (!succeeded)
            {
                _settled.UnionWith(_graph.Dependents(phase));
            }

            if (_closed || !_scheduled.IsSubsetOf(_settled))
            {
                return;
            }

            _closed = true;
        }

        var result = _run!.ToResult();
        if (!_run.HasFailed && !step.CancellationToken.IsCancellationRequested)
        {
            _apply!.FinishApply();
        }

        _run.Dispose();
        await _apply!.DisconnectAsync().ConfigureAwait(false);
        if (!_run.HasFailed)
        {
            step.Summary.Add("Changes", result.Changes.Count == 0
                ? "No changes. The hosts already matched the model."
                : $"{StepObserver.Count(result.Changes.Count, "change")} applied on {StepObserver.Count(result.Changes.Select(c => c.Host).Distinct().Count(), "host")}");
            AddSummary(step, result);
        }
    }

    private void AddSummary(PipelineStepContext step, DeploymentResult result)
    {
        step.Summary.Add("Hosts", $"{Inventory.Topology.Machines.Count} ({string.Join(", ", Inventory.Topology.Machines.Select(m => m.Name))})");
        foreach (var group in result.Warnings.GroupBy(w => w.Message).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            step.ReportingStep.Log(LogLevel.Warning, $"{string.Join(", ", group.Select(w => w.Host).Distinct())}: {group.Key}");
        }

        step.Summary.Add("Duration", $"{_clock.Elapsed.TotalSeconds:0.0}s");
        step.Summary.Add("State", State.Path);
    }

    private DeploymentOptions Options(bool dryRun) => Input.Options(dryRun);
}
