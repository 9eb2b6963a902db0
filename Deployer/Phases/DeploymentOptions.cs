using Platform.Deployer.Ssh;

namespace Platform.Deployer.Phases;

/// <summary>How a run behaves.</summary>
public sealed record DeploymentOptions
{
    /// <summary>The default number of hosts worked on at once.</summary>
    public const int DefaultParallelism = 30;

    /// <summary>True for plan: facts are gathered, changes only recorded.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Hosts worked on at once.</summary>
    public int Parallelism { get; init; } = DefaultParallelism;

    /// <summary>Pin unknown host keys into known_hosts (first use).</summary>
    public bool AcceptNewHostKeys { get; init; }

    /// <summary>The known_hosts file.</summary>
    public required KnownHostsFile KnownHosts { get; init; }

    /// <summary>How long to wait for an SSH connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Opens a new connection to a host (the firewall's login check); null: SSH with the options above.</summary>
    public Func<Hosts.DeployHost, CancellationToken, Task<ISshConnection>>? Connect { get; init; }

    /// <summary>Which phases run.</summary>
    public PhaseSelection Selection { get; init; } = PhaseSelection.All;
}
