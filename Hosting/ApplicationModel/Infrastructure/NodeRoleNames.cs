namespace Aspire.Hosting.ApplicationModel;

/// <summary>The spelling of <see cref="NodeRole"/> in files people write and read (inventory, index, plan).</summary>
public static class NodeRoleNames
{
    /// <summary>The kebab-case name of a role: control-plane, worker, load-balancer.</summary>
    public static string ToName(this NodeRole role) => role switch
    {
        NodeRole.ControlPlane => "control-plane",
        NodeRole.Worker => "worker",
        NodeRole.LoadBalancer => "load-balancer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Parses a role name; returns false for anything that is not one of the three.</summary>
    public static bool TryParse(string? name, out NodeRole role)
    {
        foreach (var candidate in Enum.GetValues<NodeRole>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>All role names, for error messages.</summary>
    public static string All => string.Join(", ", Enum.GetValues<NodeRole>().Select(r => r.ToName()));
}
