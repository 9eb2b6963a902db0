namespace Platform.Lab.Machines;

/// <summary>Labels on everything a lab creates; cleanup and reuse only ever touch resources carrying them.</summary>
public static class MachineLabLabels
{
    /// <summary>The lab's name.</summary>
    public const string Lab = "platform.lab";

    /// <summary>The machine name.</summary>
    public const string Machine = "platform.machine";

    /// <summary>The machine's role.</summary>
    public const string Role = "platform.role";

    /// <summary>The subnet (on networks).</summary>
    public const string Subnet = "platform.subnet";
}
