using Platform.Deployer.Hosts.Configurers;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Hosts;

/// <summary>A machine being deployed: its place in the model, how to reach it, and what was observed on it.</summary>
/// <param name="machine">The machine.</param>
/// <param name="endpoint">Its SSH endpoint.</param>
public sealed class DeployHost(Machine machine, SshEndpoint endpoint)
{
    /// <summary>The machine.</summary>
    public Machine Machine { get; internal set; } = machine;

    /// <summary>The name used in every message.</summary>
    public string Name => Machine.Name;

    /// <summary>Its SSH endpoint.</summary>
    public SshEndpoint Endpoint { get; } = endpoint;

    /// <summary>The connection, once the connect phase ran.</summary>
    public ISshConnection? Connection { get; set; }

    /// <summary>True once this run connected to the host: what a scoped operation's host count is measured by.</summary>
    public bool Contacted { get; internal set; }

    /// <summary>The OS configurer, once the OS was detected.</summary>
    public IOsConfigurer? Os { get; set; }

    /// <summary>Observed facts.</summary>
    public HostFacts Facts { get; } = new();

    /// <summary>Held while a phase works on the host: phases running side by side take turns on a shared host.</summary>
    internal SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>The connection; throws naming the host when the connect phase has not run.</summary>
    public ISshConnection Ssh => Connection ?? throw new InvalidOperationException($"{Name}: not connected; the connect phase must run first.");

    /// <summary>The configurer; throws when the OS is not known yet.</summary>
    public IOsConfigurer Configurer => Os ?? throw new InvalidOperationException($"{Name}: the OS is not detected yet.");

    /// <inheritdoc />
    public override string ToString() => Name;
}
