using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>A running machine container: the model's machine, its container, and where its SSH is published.</summary>
/// <param name="Machine">The machine (name, role, subnet, address).</param>
/// <param name="ContainerId">The container id.</param>
/// <param name="SshHost">Where SSH is published (always 127.0.0.1).</param>
/// <param name="SshPort">The published SSH port.</param>
public sealed record LabMachine(Machine Machine, string ContainerId, string SshHost, int SshPort)
{
    /// <summary>The machine name.</summary>
    public string Name => Machine.Name;
}
