using System.Net;

namespace Platform.Lab.Machines;

/// <summary>
/// A plain container for a service the lab runs from its own image (Grafana, Elasticsearch...): not a machine (no
/// systemd, no SSH), removed with the lab. Either on one of the lab's subnets at a fixed address, or beside a machine
/// (<see cref="Beside"/>), as a DaemonSet's pod on a node: in the machine's network and processes.
/// </summary>
public sealed record LabServiceContainer
{
    /// <summary>Its name in the lab (the container is <c>{lab}-{name}</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The pinned image.</summary>
    public required string Image { get; init; }

    /// <summary>
    /// The machine it runs beside, sharing its network (its address is the machine's) and its processes (the machine's
    /// files are at /proc/1/root, readable with CAP_SYS_PTRACE, granted then); null for a container of its own.
    /// </summary>
    public string? Beside { get; init; }

    /// <summary>The lab subnet it sits on.</summary>
    public required string Subnet { get; init; }

    /// <summary>Its address on that subnet.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The port it serves on.</summary>
    public required int Port { get; init; }

    /// <summary>The path its health check asks (relative to <see cref="Url"/>); 200 means healthy.</summary>
    public required string HealthPath { get; init; }

    /// <summary>The command to run, or null for the image's own.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Files written into the container before it starts (path → content).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>The base URL this host reaches it at.</summary>
    public Uri Url => new($"http://{Address}:{Port}/");
}
