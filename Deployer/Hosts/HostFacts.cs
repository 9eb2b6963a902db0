using System.Collections.Concurrent;

namespace Platform.Deployer.Hosts;

/// <summary>
/// What was observed on a host (never serialized into desired state). Gathered in one round trip; a
/// change made during apply updates the facts it affects, so later phases see the host as it now is.
/// </summary>
public sealed class HostFacts
{
    /// <summary>ID from /etc/os-release (ubuntu, debian).</summary>
    public string OsId { get; set; } = "";

    /// <summary>VERSION_ID from /etc/os-release.</summary>
    public string OsVersion { get; set; } = "";

    /// <summary>PRETTY_NAME from /etc/os-release.</summary>
    public string OsPrettyName { get; set; } = "";

    /// <summary>The current hostname.</summary>
    public string Hostname { get; set; } = "";

    /// <summary>IPv4 addresses per interface.</summary>
    public Dictionary<string, List<string>> Addresses { get; } = [];

    /// <summary>CPU count.</summary>
    public int Cpus { get; set; }

    /// <summary>Memory in MiB.</summary>
    public long MemoryMiB { get; set; }

    /// <summary>Active swap devices.</summary>
    public int ActiveSwaps { get; set; }

    /// <summary>True when systemd says this is a container (systemd-detect-virt --container).</summary>
    public bool IsContainer { get; set; }

    /// <summary>Installed packages and their versions.</summary>
    public ConcurrentDictionary<string, string> Packages { get; } = new();

    /// <summary>Packages held by apt-mark.</summary>
    public ConcurrentDictionary<string, bool> HeldPackages { get; } = new();

    /// <summary>Active systemd units.</summary>
    public ConcurrentDictionary<string, bool> ActiveUnits { get; } = new();

    /// <summary>Enabled systemd units.</summary>
    public ConcurrentDictionary<string, bool> EnabledUnits { get; } = new();

    /// <summary>Loaded kernel modules.</summary>
    public ConcurrentDictionary<string, bool> LoadedModules { get; } = new();

    /// <summary>The state of every desired file (absent ones are missing).</summary>
    public ConcurrentDictionary<string, FileState> Files { get; } = new();

    /// <summary>Paths that exist (markers such as /etc/kubernetes/admin.conf).</summary>
    public ConcurrentDictionary<string, bool> ExistingPaths { get; } = new();

    /// <summary>Current values of the sysctl keys the model sets ("&lt;unavailable&gt;" when the kernel has no such key here).</summary>
    public ConcurrentDictionary<string, string> Sysctls { get; } = new();

    /// <summary>The interface that holds <paramref name="address"/>, if any.</summary>
    public string? InterfaceOf(string address) => Addresses.FirstOrDefault(a => a.Value.Contains(address)).Key;
}
