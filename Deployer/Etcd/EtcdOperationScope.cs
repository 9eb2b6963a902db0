using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.State;

namespace Platform.Deployer.Etcd;

/// <summary>
/// What an etcd operation works on, the same from <c>aspire do</c>, a dashboard command and a test: the model, the
/// bound inventory, the state folder (PKI, snapshot keys, journals) and the run options.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Inventory">The inventory bound to it.</param>
/// <param name="State">The deployment's state folder.</param>
/// <param name="Options">How to connect (known_hosts, timeouts) and, for operations that plan, whether this is a dry run.</param>
public sealed record EtcdOperationScope(PlatformModel Model, DeploymentInventory Inventory, StateFolder State, DeploymentOptions Options)
{
    /// <summary>Receives progress lines, each naming its host.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Receives the phase and change events of operations that run as phases.</summary>
    public IDeploymentObserver Observer { get; init; } = new DeploymentObserver();

    /// <summary>The destructive operations the user confirmed (<c>Deploy:Confirm</c>).</summary>
    public IReadOnlyList<string> Confirmed { get; init; } = [];

    /// <summary>True when <paramref name="operation"/> was confirmed.</summary>
    public bool IsConfirmed(string operation) => Confirmed.Contains(operation, StringComparer.Ordinal);

    /// <summary>The refusal of an unconfirmed destructive operation, naming the key that confirms it.</summary>
    public static EtcdOperationException Unconfirmed(string operation, string consequence)
        => new($"aspire do {operation} {consequence}, so it runs only when confirmed; nothing was touched (the plan above says what it would do). " +
               $"Run it again with Deploy:Confirm={operation}: aspire do {operation} -- --Deploy:Confirm={operation} (or Deploy__Confirm={operation}).");

    /// <summary>A deployment context for this scope (no connection is open yet).</summary>
    public DeploymentContext CreateContext(bool dryRun, Journal? journal = null)
        => new(Model, Inventory, State, Options with { DryRun = dryRun, Selection = PhaseSelection.All }, Observer) { Journal = journal };

    /// <summary>The model's snapshots, or a refusal naming what to add.</summary>
    public EtcdSnapshotResource Snapshots => Model.Find<EtcdSnapshotResource>()
        ?? throw new EtcdOperationException("The model takes no etcd snapshots. Add them in AppHost/Program.cs: etcd.AddSnapshots(every: TimeSpan.FromHours(6), keep: 28, copyTo: \"backup@HOST:/srv/etcd-snapshots\").");
}
