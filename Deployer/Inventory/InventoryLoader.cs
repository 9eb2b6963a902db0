using System.Net;
using Platform.Deployer.Ssh;
using Platform.Hosting.Validation;
using Aspire.Hosting.ApplicationModel;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Platform.Deployer.Inventory;

/// <summary>Reads an inventory file strictly and binds it to the model, collecting every problem before failing.</summary>
public static class InventoryLoader
{
    private const int DefaultPort = 22;

    /// <summary>Loads and binds <paramref name="file"/>.</summary>
    /// <exception cref="InventoryException">The file is unreadable, malformed, or differs from the model.</exception>
    public static DeploymentInventory Load(string file, PlatformModel model)
    {
        var document = Parse(file);
        return Bind(file, document, model);
    }

    /// <summary>Parses the YAML; unknown fields are errors (a typo must not silently become a default).</summary>
    public static InventoryDocument Parse(string file)
    {
        if (!File.Exists(file))
        {
            throw new InventoryException(file, [$"The file does not exist. Pass --inventory with the path of your inventory (see README: Deploy)."]);
        }

        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<InventoryDocument>(File.ReadAllText(file)) ?? new InventoryDocument();
        }
        catch (YamlException e)
        {
            var detail = (e.InnerException?.Message ?? e.Message).Replace("Platform.Deployer.Inventory.", "", StringComparison.Ordinal);
            throw new InventoryException(file, [$"Line {e.Start.Line}, column {e.Start.Column}: {detail} Fields of a machine are: name, address, sshHost, port, user, keyFile, role, subnet, pool, interface."]);
        }
    }

    /// <summary>Binds a parsed inventory to the model's pools and subnets.</summary>
    public static DeploymentInventory Bind(string file, InventoryDocument document, PlatformModel model)
    {
        var problems = new List<string>();
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var entries = document.Machines ?? [];
        if (entries.Count == 0)
        {
            problems.Add("It lists no machines. Add a 'machines:' list with one entry per VM.");
        }

        var subnets = model.OfType<SubnetResource>().ToDictionary(s => s.Name);
        var pools = model.NodePools.ToList();
        var machines = new List<Machine>();
        var endpoints = new Dictionary<string, SshEndpoint>();
        var perPool = new Dictionary<NodePoolResource, List<string>>();

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var label = string.IsNullOrWhiteSpace(entry.Name) ? $"Machine #{i + 1}" : $"Machine '{entry.Name}'";
            var missing = new[] { ("name", entry.Name), ("address", entry.Address), ("role", entry.Role), ("subnet", entry.Subnet) }
                .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{label}: missing {string.Join(", ", missing)}.");
            }

            NodePoolResource? pool = null;
            if (!string.IsNullOrWhiteSpace(entry.Role))
            {
                if (!NodeRoleNames.TryParse(entry.Role, out var role))
                {
                    problems.Add($"{label}: role '{entry.Role}' is not one of {NodeRoleNames.All}.");
                }
                else
                {
                    var candidates = pools.Where(p => p.Role == role && (entry.Pool is null || p.Name == entry.Pool)).ToList();
                    if (candidates.Count == 0)
                    {
                        problems.Add(entry.Pool is null
                            ? $"{label}: role '{role.ToName()}' is not in the model (its pools: {string.Join(", ", pools.Select(p => $"{p.Name} ({p.Role.ToName()})"))}). Remove the machine or add the role to the model."
                            : $"{label}: pool '{entry.Pool}' with role '{role.ToName()}' is not in the model.");
                    }
                    else if (candidates.Count > 1)
                    {
                        problems.Add($"{label}: the model has several {role.ToName()} pools ({string.Join(", ", candidates.Select(p => p.Name))}); say which with 'pool:'.");
                    }
                    else
                    {
                        pool = candidates[0];
                    }
                }
            }

            SubnetResource? subnet = null;
            if (!string.IsNullOrWhiteSpace(entry.Subnet) && !subnets.TryGetValue(entry.Subnet, out subnet))
            {
                problems.Add($"{label}: subnet '{entry.Subnet}' is not in the model (subnets: {string.Join(", ", subnets.Keys)}).");
            }

            if (pool is not null && subnet is not null && pool.Subnet != subnet)
            {
                problems.Add($"{label}: pool '{pool.Name}' ({pool.Role.ToName()}) lives in subnet '{pool.Subnet.Name}', not '{subnet.Name}'.");
            }

            IPAddress? address = null;
            if (!string.IsNullOrWhiteSpace(entry.Address) && !IPAddress.TryParse(entry.Address, out address))
            {
                problems.Add($"{label}: address '{entry.Address}' is not an IP address.");
            }
            else if (address is not null && subnet is not null && !subnet.Cidr.Contains(address))
            {
                problems.Add($"{label}: address {address} is outside its subnet '{subnet.Name}' ({subnet.Cidr}).");
            }

            if (entry.Interface is { } nic && !SafeValues.IsInterfaceName(nic))
            {
                // It goes into keepalived.conf: a newline there would add directives.
                problems.Add($"{label}: interface '{new string([.. nic.Select(c => char.IsControl(c) ? '?' : c)])}' is not a network interface name. Use the name `ip -o link` shows, e.g. eth0 or ens3 (letters, digits, '.', '_', '-'; at most 15).");
            }

            var port = entry.Port ?? document.Ssh?.Port ?? DefaultPort;
            if (port is < 1 or > 65535)
            {
                problems.Add($"{label}: SSH port {port} is out of range 1-65535.");
            }

            var user = entry.User ?? document.Ssh?.User;
            var keyFile = entry.KeyFile ?? document.Ssh?.KeyFile;
            if (string.IsNullOrWhiteSpace(user))
            {
                problems.Add($"{label}: no SSH user. Set 'user:' on the machine or under 'ssh:'.");
            }

            string? keyPath = null;
            if (string.IsNullOrWhiteSpace(keyFile))
            {
                problems.Add($"{label}: no SSH key file. Set 'keyFile:' on the machine or under 'ssh:'.");
            }
            else
            {
                keyPath = ExpandPath(keyFile, baseDirectory);
                if (!File.Exists(keyPath))
                {
                    problems.Add($"{label}: key file '{keyPath}' does not exist.");
                }
            }

            if (pool is not null && address is not null && subnet is not null && entry.Name is not null && user is not null && keyPath is not null)
            {
                if (!perPool.TryGetValue(pool, out var names))
                {
                    perPool[pool] = names = [];
                }

                names.Add(entry.Name);
                machines.Add(new Machine(entry.Name, pool.Role, pool.Name, subnet.Name, address, names.Count) { Interface = entry.Interface });
                endpoints[entry.Name] = new SshEndpoint(entry.SshHost ?? entry.Address!, port, user, keyPath);
            }
            else if (pool is not null && entry.Name is not null)
            {
                perPool.TryAdd(pool, []);
                perPool[pool].Add(entry.Name);
            }
        }

        foreach (var pool in pools)
        {
            var listed = perPool.TryGetValue(pool, out var names) ? names : [];
            if (listed.Count != pool.Count)
            {
                problems.Add($"Pool '{pool.Name}' ({pool.Role.ToName()}): the model has {pool.Count} machine{(pool.Count == 1 ? "" : "s")}, the inventory lists {listed.Count}{(listed.Count > 0 ? $" ({string.Join(", ", listed)})" : "")}. Make them match.");
            }
        }

        foreach (var dup in entries.Where(e => !string.IsNullOrWhiteSpace(e.Name)).GroupBy(e => e.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"The name '{dup.Key}' is used by {dup.Count()} machines; names must be unique.");
        }

        foreach (var dup in entries.Where(e => !string.IsNullOrWhiteSpace(e.Address)).GroupBy(e => e.Address!).Where(g => g.Count() > 1))
        {
            problems.Add($"The address {dup.Key} is used by {string.Join(", ", dup.Select(e => e.Name))}; addresses must be unique.");
        }

        foreach (var dup in endpoints.GroupBy(e => (e.Value.Host, e.Value.Port)).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(", ", dup.Select(d => d.Key))} all reach SSH at {dup.Key.Host}:{dup.Key.Port}; each machine needs its own endpoint.");
        }

        if (model.Find<ApiLoadBalancerResource>() is { } lb && machines.Any(m => m.Address.Equals(lb.VirtualIp.Address)))
        {
            problems.Add($"Machine '{machines.First(m => m.Address.Equals(lb.VirtualIp.Address)).Name}' has the API VIP {lb.VirtualIp.Address} as its address; the VIP must be free.");
        }

        var hostKey = BackupTargetHostKey(document, model, problems);
        if (problems.Count > 0)
        {
            throw new InventoryException(file, problems);
        }

        return new DeploymentInventory(new PlatformTopology(machines), endpoints) { BackupTargetHostKey = hostKey };
    }

    private static string? BackupTargetHostKey(InventoryDocument document, PlatformModel model, List<string> problems)
    {
        if (document.BackupTarget?.HostKey is not { } given)
        {
            return null;
        }

        if (model.Find<EtcdSnapshotResource>()?.Schedule.CopyTo is null)
        {
            problems.Add("backupTarget.hostKey is set, but the model copies no snapshots off the nodes. Remove it, or give etcd.AddSnapshots a copyTo.");
            return null;
        }

        var key = Backup.SshHostKey.Normalize(given, out var problem);
        if (key is null)
        {
            problems.Add($"backupTarget.hostKey {problem}.");
        }

        return key;
    }

    private static string ExpandPath(string path, string baseDirectory)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 1 ? path[2..] : "");
        }

        return Path.GetFullPath(path, baseDirectory);
    }
}
