using Platform.Deployer.Hosts;
using Platform.Deployer.State;

namespace Platform.Deployer.Phases;

/// <summary>
/// The (phase, host) steps a node operation makes, and why. A host out of scope is not contacted at all: not even
/// connect or facts run there. Prerequisites and checks run on every host in scope; other phases only where the scope
/// names them.
/// </summary>
public sealed class DeploymentScope
{
    private readonly Dictionary<string, HashSet<string>?> _phases;
    private readonly Dictionary<string, List<string>> _reasons;

    private DeploymentScope(Dictionary<string, HashSet<string>?> phases, Dictionary<string, List<string>> reasons)
    {
        _phases = phases;
        _reasons = reasons;
    }

    /// <summary>The hosts in scope.</summary>
    public IReadOnlySet<string> Hosts => _phases.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Why each host in scope is: "new", or the phases whose fingerprint changed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reasons => _reasons.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value, StringComparer.Ordinal);

    /// <summary>True when <paramref name="phase"/> runs on <paramref name="host"/>.</summary>
    public bool Includes(IPhase phase, DeployHost host)
        => _phases.TryGetValue(host.Name, out var phases) && (phases is null || phase.IsPrerequisite || phase.IsCheck || phases.Contains(phase.Name));

    /// <summary>Every phase on <paramref name="hosts"/>, nothing elsewhere (a reset, a replaced machine).</summary>
    public static DeploymentScope Only(IEnumerable<string> hosts, string reason)
    {
        var names = hosts.Distinct(StringComparer.Ordinal).ToList();
        return new(names.ToDictionary(h => h, _ => (HashSet<string>?)null, StringComparer.Ordinal), names.ToDictionary(h => h, _ => new List<string> { reason }, StringComparer.Ordinal));
    }

    /// <summary>
    /// The steps whose fingerprint differs from what <paramref name="ledger"/> recorded, and every step on a host it does not
    /// know or <paramref name="fresh"/> names. Hosts without an inventory interface get the recorded one first, so their
    /// files render as they did when recorded. A node joining needs a bootstrap token: init on the first control plane
    /// joins the scope then (when it is selected).
    /// </summary>
    public static DeploymentScope FromLedger(DeploymentContext context, PhaseGraph graph, HostLedger ledger, IReadOnlySet<string>? fresh = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(ledger);
        foreach (var host in context.Hosts.Where(h => h.Machine.Interface is null && ledger.Interface(h.Name) is not null))
        {
            host.Machine = host.Machine with { Interface = ledger.Interface(host.Name) };
        }

        context.Render();
        var phases = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(DeployHost host, string phase, string reason)
        {
            if (!phases.TryGetValue(host.Name, out var set))
            {
                phases[host.Name] = set = new HashSet<string>(StringComparer.Ordinal);
                reasons[host.Name] = [];
            }

            set!.Add(phase);
            if (!reasons[host.Name].Contains(reason))
            {
                reasons[host.Name].Add(reason);
            }
        }

        foreach (var phase in graph.Phases.Select(p => p.Phase).Where(p => !p.IsPrerequisite && !p.IsCheck && context.Options.Selection.Includes(p)))
        {
            foreach (var host in phase.SelectHosts(context))
            {
                if (fresh?.Contains(host.Name) == true || !ledger.Contains(host.Name))
                {
                    Add(host, phase.Name, "new");
                }
                else if (ledger.Fingerprint(host.Name, phase.Name) != phase.Fingerprint(new HostStep(context, phase, host)))
                {
                    Add(host, phase.Name, $"{phase.Name}: what it places changed");
                }
            }
        }

        var joining = phases.Where(p => p.Value!.Overlaps(JoinPhases)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var init = graph.Phases.Select(p => p.Phase).FirstOrDefault(p => p.Name == "init");
        if (joining.Count > 0 && init is not null && context.Options.Selection.Includes(init) && context.Hosts.ControlPlanes.Any())
        {
            Add(context.Hosts.FirstControlPlane, init.Name, $"init: {string.Join(", ", joining)} join, so the bootstrap token is renewed here");
        }

        return new DeploymentScope(phases, reasons);
    }

    private static readonly string[] JoinPhases = ["join-workers", "join-control-planes"];
}
