using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>
/// <c>aspire do replace-node</c>: the machines <c>Deploy:Hosts</c> names were lost and replaced by fresh ones under the same
/// name and address. Where Kubernetes runs, their old Nodes are deleted; then each is installed as new: every phase on it,
/// nothing elsewhere unless its fingerprint changed. A control plane's lost etcd member is removed and the new one added
/// back with existing state and new certificates, quorum checked first (<see cref="Etcd.EtcdJoin"/>, as etcd-replace-member).
/// With <c>Deploy:AcceptNewHostKeys</c> their old pinned host keys are forgotten: a replacement has keys of its own.
/// </summary>
public sealed class ReplaceNode : INodeOperation
{
    /// <summary>The step's and confirmation's name.</summary>
    public const string OperationName = "replace-node";

    /// <inheritdoc />
    public string Name => OperationName;

    /// <inheritdoc />
    public bool Destroys => true;

    /// <inheritdoc />
    public string What => "delete their old Nodes and etcd members, forget their old host keys (with AcceptNewHostKeys) and install the replacements from scratch";

    /// <inheritdoc />
    public IReadOnlyList<string> Hosts(DeploymentInput input)
    {
        var hosts = OperationHosts.Resolve(input, Name);
        var ledger = RecordedHosts.Ledger(input);
        var unknown = hosts.Where(h => !ledger.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            throw new DeployInputException([$"{string.Join(", ", unknown)}: not recorded as part of the platform in {input.StatePath}, so there is nothing to replace. Install {(unknown.Count == 1 ? "it" : "them")} with aspire do add-node (or aspire deploy)."]);
        }

        return input.Inventory.Topology.ControlPlanes.All(m => hosts.Contains(m.Name))
            ? throw new DeployInputException([$"aspire do {Name} would replace every control plane ({string.Join(", ", hosts)}): no etcd member would be left to join. Restore the cluster from a snapshot instead: aspire do etcd-restore."])
            : hosts;
    }

    /// <inheritdoc />
    public async Task<DeploymentResult> RunAsync(DeploymentInput input, bool apply, IDeploymentObserver observer, CancellationToken cancellationToken)
    {
        var hosts = Hosts(input);
        var ledger = RecordedHosts.Ledger(input);
        var machines = RecordedHosts.Machines(input.Inventory, hosts);
        var notes = new List<string>();
        var knownHosts = ForgetHostKeys(input, hosts, apply, notes);
        var runs = new List<DeploymentResult>();
        var kubernetes = RecordedHosts.KubernetesSelected(input);
        if (kubernetes)
        {
            // The lost machines' Nodes go first: the replacements join under the same names. Their etcd members rejoin below.
            var stays = input.Inventory.Topology.ControlPlanes.First(m => !hosts.Contains(m.Name));
            var cluster = PhaseGraph.Create(PipelinePhase.Sequence([new ConnectPhase(), new DetectOsPhase(), new GatherFactsPhase(), new RemoveFromClusterPhase(machines, etcd: null)]));
            runs.Add(await OperationRuns.RunAsync(input, input.Inventory, $"{Name}.cluster", cluster, apply, _ => DeploymentScope.Only([stays.Name], $"{string.Join(", ", hosts)} are replaced"), observer, cancellationToken, knownHosts: knownHosts).ConfigureAwait(false));
        }

        if (runs.All(r => r.Failures.Count == 0))
        {
            var joining = machines.Where(m => m.Role == NodeRole.ControlPlane).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            var graph = AddNode.Graph(joining, newCertificates: true);
            DeploymentScope? scope = null;
            runs.Add(await OperationRuns.RunAsync(input, input.Inventory, Name, graph, apply, context => scope = DeploymentScope.FromLedger(context, graph, ledger, fresh: hosts.ToHashSet(StringComparer.Ordinal)),
                observer, cancellationToken, recordsLedger: true, knownHosts: knownHosts).ConfigureAwait(false));
            notes.AddRange(RecordedHosts.Reasons(scope!));
            notes.Add(RecordedHosts.Untouched(input, scope!) ?? "every host is in scope");
        }

        return DeploymentResult.Combine(!apply, runs, notes);
    }

    // A replacement has host keys of its own. With AcceptNewHostKeys the old ones are forgotten (in a copy, for a plan) and the
    // new ones pinned on first use; @revoked keys stay refused. Without it the pinned keys stand, and a new machine is refused.
    private static KnownHostsFile ForgetHostKeys(DeploymentInput input, IReadOnlyList<string> hosts, bool apply, List<string> notes)
    {
        var knownHosts = input.Options(dryRun: !apply).KnownHosts;
        if (!input.Settings.AcceptNewHostKeys)
        {
            notes.Add($"the host keys pinned for {string.Join(", ", hosts)} are kept (a replacement with new keys is refused): pass --{DeploySettings.Section}:AcceptNewHostKeys=true to forget them and pin the new ones.");
            return knownHosts;
        }

        if (!apply)
        {
            var copy = Path.Combine(new StateFolder(input.StatePath).Path, "journals", $"{OperationName}.known_hosts.plan");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, File.Exists(knownHosts.Path) ? File.ReadAllText(knownHosts.Path) : "");
            knownHosts = new KnownHostsFile(copy);
        }

        foreach (var host in hosts)
        {
            var forgotten = knownHosts.Forget(input.Inventory.Endpoints[host].KnownHostsName);
            notes.Add($"{host}: {forgotten} pinned host key line(s) {(apply ? "forgotten" : "would be forgotten")}; the replacement's key is pinned on first use.");
        }

        return knownHosts;
    }
}
