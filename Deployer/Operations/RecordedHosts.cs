using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>The inventory against the host ledger: which hosts are new to it, which left it, and how to reach those that left.</summary>
public static class RecordedHosts
{
    /// <summary>The ledger of <paramref name="input"/>'s state folder.</summary>
    public static HostLedger Ledger(DeploymentInput input) => HostLedger.Open(new StateFolder(input.StatePath).LedgerPath);

    /// <summary>Inventory hosts the ledger does not know, in inventory order.</summary>
    public static IReadOnlyList<string> Added(DeploymentInput input, HostLedger ledger)
        => [.. input.Inventory.Topology.Machines.Select(m => m.Name).Where(n => !ledger.Contains(n))];

    /// <summary>Recorded hosts no longer in the inventory.</summary>
    public static IReadOnlyList<string> Removed(DeploymentInput input, HostLedger ledger)
        => [.. ledger.Names.Where(n => !input.Inventory.Topology.Machines.Any(m => m.Name == n))];

    /// <summary>The inventory plus <paramref name="removed"/> as recorded: their files render as they had them, and SSH reaches them where it did.</summary>
    public static DeploymentInventory WithRemoved(DeploymentInput input, HostLedger ledger, IReadOnlyList<string> removed)
    {
        var machines = input.Inventory.Topology.Machines.ToList();
        var endpoints = new Dictionary<string, SshEndpoint>(input.Inventory.Endpoints);
        foreach (var name in removed)
        {
            var (machine, endpoint) = ledger.Recorded(name, index: 0);
            machine = machine with { Index = machines.Count(m => m.Pool == machine.Pool) + 1 };
            machines.Add(machine);
            endpoints[name] = endpoint;
        }

        return new DeploymentInventory(new PlatformTopology(machines), endpoints);
    }

    /// <summary>True when the run deploys Kubernetes (its join phases are not skipped): only then do Kubernetes steps run.</summary>
    public static bool KubernetesSelected(DeploymentInput input)
        => input.Settings.Selection.Includes(Pipeline.Phases.Single(p => p.Name == "join-workers"));

    /// <summary>"not contacted (unchanged since the last apply): a, b" for the hosts a scope leaves alone, or null.</summary>
    public static string? Untouched(DeploymentInput input, DeploymentScope scope)
    {
        var left = input.Inventory.Topology.Machines.Select(m => m.Name).Where(n => !scope.Hosts.Contains(n)).ToList();
        return left.Count == 0 ? null : $"not contacted, unchanged since the last apply (fingerprints match): {string.Join(", ", left)}";
    }

    /// <summary>One note per host in scope: why it is.</summary>
    public static IEnumerable<string> Reasons(DeploymentScope scope)
        => scope.Reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {string.Join("; ", r.Value)}");

    /// <summary>The machines of <paramref name="names"/> in <paramref name="inventory"/>.</summary>
    public static IReadOnlyList<Machine> Machines(DeploymentInventory inventory, IEnumerable<string> names)
        => [.. names.Select(n => inventory.Topology[n])];
}
