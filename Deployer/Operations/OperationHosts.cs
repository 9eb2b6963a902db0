using Platform.Deployer.Steps;

namespace Platform.Deployer.Operations;

/// <summary>The hosts an operation is asked to work on (<c>Deploy:Hosts</c>), checked against the inventory.</summary>
public static class OperationHosts
{
    /// <summary>The named hosts in inventory order; throws naming the option, the unknown names and the machines when one is wrong or none is named.</summary>
    /// <exception cref="DeployInputException">No host is named, or a name is not in the inventory.</exception>
    public static IReadOnlyList<string> Resolve(DeploymentInput input, string operation, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        names ??= input.Settings.Hosts;
        var machines = input.Inventory.Topology.Machines.Select(m => m.Name).ToList();
        var option = $"{DeploySettings.Section}:{nameof(DeploySettings.Hosts)}";
        if (names.Count == 0)
        {
            throw new DeployInputException([$"aspire do {operation} needs the machines to work on: --{option}=<name>[,<name>...] (machines: {string.Join(", ", machines)})."]);
        }

        var unknown = names.Where(n => !machines.Contains(n, StringComparer.Ordinal)).ToList();
        return unknown.Count > 0
            ? throw new DeployInputException([$"{option}: {string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "is" : "are")} not in the inventory (machines: {string.Join(", ", machines)})."])
            : [.. machines.Where(names.Contains)];
    }
}
