using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Hosts;
using Platform.Deployer.Pki;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.State;

/// <summary>
/// What the finished applies converged on each host: its machine, its SSH endpoint and each phase's fingerprint.
/// Node operations compare it with what the model asks now, so a host whose fingerprints all match is skipped
/// without being contacted; removal reaches a host that left the inventory through its recorded endpoint.
/// Unlike the journal it survives a finished apply. It is a record, not a fact: a full apply re-checks every host.
/// </summary>
public sealed class HostLedger
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
    private readonly string _path;
    private readonly Lock _lock = new();
    private readonly LedgerDocument _document;

    private HostLedger(string path, LedgerDocument document)
    {
        _path = path;
        _document = document;
    }

    /// <summary>Opens the ledger; a missing or torn file is an empty ledger (every host then counts as new).</summary>
    public static HostLedger Open(string path)
    {
        LedgerDocument? document = null;
        if (File.Exists(path))
        {
            try
            {
                document = JsonSerializer.Deserialize<LedgerDocument>(File.ReadAllText(path), Options);
            }
            catch (JsonException)
            {
                // Only the chance to skip hosts is lost: they are all in scope again.
            }
        }

        return new HostLedger(path, document ?? new LedgerDocument());
    }

    /// <summary>The recorded hosts' names.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return [.. _document.Hosts.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>True when <paramref name="host"/> is recorded.</summary>
    public bool Contains(string host)
    {
        lock (_lock)
        {
            return _document.Hosts.ContainsKey(host);
        }
    }

    /// <summary>The fingerprint <paramref name="phase"/> had when it last finished on <paramref name="host"/>, or null.</summary>
    public string? Fingerprint(string host, string phase)
    {
        lock (_lock)
        {
            return _document.Hosts.GetValueOrDefault(host)?.Phases.GetValueOrDefault(phase);
        }
    }

    /// <summary>The network interface recorded for <paramref name="host"/>, or null.</summary>
    public string? Interface(string host)
    {
        lock (_lock)
        {
            return _document.Hosts.GetValueOrDefault(host)?.Interface;
        }
    }

    /// <summary>The recorded machine and endpoint of <paramref name="host"/> (a host that has left the inventory).</summary>
    /// <exception cref="KeyNotFoundException">It is not recorded.</exception>
    public (Machine Machine, SshEndpoint Endpoint) Recorded(string host, int index)
    {
        lock (_lock)
        {
            var entry = _document.Hosts[host];
            NodeRoleNames.TryParse(entry.Role, out var role);
            return (new Machine(host, role, entry.Pool, entry.Subnet, IPAddress.Parse(entry.Address), index) { Interface = entry.Interface },
                new SshEndpoint(entry.SshHost, entry.Port, entry.User, entry.KeyFile));
        }
    }

    /// <summary>Records what an apply finished on <paramref name="host"/>: its machine, endpoint, and phase fingerprints (merged with earlier ones).</summary>
    public void Record(DeployHost host, IEnumerable<(string Phase, string Fingerprint)> phases)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_lock)
        {
            if (!_document.Hosts.TryGetValue(host.Name, out var entry))
            {
                _document.Hosts[host.Name] = entry = new LedgerHost();
            }

            entry.Role = host.Machine.Role.ToName();
            entry.Pool = host.Machine.Pool;
            entry.Subnet = host.Machine.Subnet;
            entry.Address = host.Machine.Address.ToString();
            entry.Interface = host.Machine.Interface;
            (entry.SshHost, entry.Port, entry.User, entry.KeyFile) = (host.Endpoint.Host, host.Endpoint.Port, host.Endpoint.User, host.Endpoint.KeyFile);
            foreach (var (phase, fingerprint) in phases)
            {
                entry.Phases[phase] = fingerprint;
            }

            entry.At = DateTimeOffset.UtcNow;
            Save();
        }
    }

    /// <summary>Forgets hosts that were removed or reset: the next operation treats them as new.</summary>
    public void Forget(IEnumerable<string> hosts)
    {
        lock (_lock)
        {
            var removed = hosts.Count(h => _document.Hosts.Remove(h));
            if (removed > 0)
            {
                Save();
            }
        }
    }

    private void Save() => StateFiles.WriteSecret(_path, JsonSerializer.Serialize(_document, Options));
}
