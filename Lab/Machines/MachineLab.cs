using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>
/// Containers that behave like VMs: systemd as PID 1, sshd published on 127.0.0.1, one network per subnet,
/// static addresses. Every container and network carries the lab's label; nothing else is ever touched.
/// </summary>
public sealed class MachineLab : IAsyncDisposable
{
    // sshd first: a TCP connect from the host is nearly free, while each systemd check is an exec into the
    // container, whose CPU the other machines' boots need; sshd answers late in the boot anyway.
    private static readonly IMachineWait[] BootWaits = [new UntilSshAnswers(), new UntilSystemdIsRunning()];

    /// <summary>How often a boot wait looks again.</summary>
    private static readonly TimeSpan BootPollInterval = TimeSpan.FromMilliseconds(200);
    private readonly DockerClient _client;
    private readonly ConcurrentDictionary<string, LabMachine> _machines = new();
    private readonly ConcurrentBag<string> _networks = [];
    private readonly ConcurrentDictionary<string, (string Id, LabServiceContainer Spec)> _services = new();
    private string? _routerId;

    /// <summary>The host number of the lab's router on every subnet.</summary>
    public const int RouterHostNumber = 254;

    internal MachineLab(MachineLabConfiguration configuration)
    {
        Configuration = configuration;
        _client = new DockerClientBuilder().WithEndpoint(configuration.Engine).Build();
    }

    /// <summary>The configuration.</summary>
    public MachineLabConfiguration Configuration { get; }

    /// <summary>The lab's name.</summary>
    public string Name => Configuration.Name;

    /// <summary>Progress messages (boot, warnings).</summary>
    public event Action<string>? Progress;

    /// <summary>The started machines, in topology order.</summary>
    public IReadOnlyList<LabMachine> Machines => Configuration.Topology.Machines.Where(m => _machines.ContainsKey(m.Name)).Select(m => _machines[m.Name]).ToList();

    /// <summary>A started machine by name.</summary>
    public LabMachine this[string name] => _machines.TryGetValue(name, out var machine) ? machine
        : throw new KeyNotFoundException($"Lab {Name} has no machine '{name}'. Machines: {string.Join(", ", _machines.Keys)}.");

    /// <summary>Creates the networks and machines (in parallel, bounded) and waits until each boots and answers SSH.</summary>
    /// <exception cref="PlatformException">The image is missing (the message says how to build it), or a subnet is taken.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!await MachineImage.ExistsAsync(_client, Configuration.Image, cancellationToken).ConfigureAwait(false))
        {
            throw new PlatformException($"Lab {Name}: the machine image {Configuration.Image} is missing from {Configuration.Engine}. Build it with: sudo scripts/build-machine-image.sh");
        }

        foreach (var (subnet, range) in Configuration.Subnets.Where(s => Configuration.Topology.Machines.Any(m => m.Subnet == s.Key)))
        {
            await CreateNetworkAsync(subnet, range, cancellationToken).ConfigureAwait(false);
        }

        // The router is needed only once machines route to another subnet, after their boot: start it alongside them.
        var router = CreateRouterAsync(cancellationToken);
        var machines = Parallel.ForEachAsync(Configuration.Topology.Machines, new ParallelOptions { MaxDegreeOfParallelism = Configuration.Parallelism, CancellationToken = cancellationToken },
            async (machine, ct) => await CreateMachineAsync(machine, Configuration.Image, ct).ConfigureAwait(false));
        await Task.WhenAll(router, machines).ConfigureAwait(false);
    }

    /// <summary>A started machine by name, the model's or a lab-only one (<see cref="StartExtraMachineAsync(Machine, CancellationToken)"/>), or null.</summary>
    public LabMachine? Find(string name) => _machines.TryGetValue(name, out var machine) ? machine : null;

    /// <summary>
    /// Starts a lab-only machine that is not in the model (the snapshot copy target): on one of the lab's subnets, with
    /// root's key authorised, never in <see cref="Machines"/> and so never deployed to. A kept lab's is adopted.
    /// </summary>
    public Task<LabMachine> StartExtraMachineAsync(Machine machine, CancellationToken cancellationToken = default)
        => StartExtraMachineAsync(machine, Configuration.Image, cancellationToken);

    /// <summary>Starts a lab-only machine (as above) from <paramref name="image"/> instead of the lab's image.</summary>
    /// <exception cref="PlatformException">The image is missing (the message says how to build it).</exception>
    public async Task<LabMachine> StartExtraMachineAsync(Machine machine, string image, CancellationToken cancellationToken = default)
    {
        if (Configuration.Topology.Machines.Any(m => m.Name == machine.Name || m.Address.Equals(machine.Address)) || !Configuration.Subnets.ContainsKey(machine.Subnet))
        {
            throw new ArgumentException($"Lab {Name}: the lab-only machine {machine.Name} ({machine.Address}) must be on a lab subnet and clash with no model machine.", nameof(machine));
        }

        if (Find(machine.Name) is { } adopted)
        {
            return adopted;
        }

        if (!await MachineImage.ExistsAsync(_client, image, cancellationToken).ConfigureAwait(false))
        {
            throw new PlatformException($"Lab {Name}: the image {image} of the lab-only machine {machine.Name} is missing from {Configuration.Engine}. Build it with: sudo scripts/build-machine-image.sh");
        }

        await CreateMachineAsync(machine, image, cancellationToken).ConfigureAwait(false);
        return this[machine.Name];
    }

    /// <summary>True when the lab's engine has <paramref name="image"/>.</summary>
    public Task<bool> HasImageAsync(string image, CancellationToken cancellationToken = default) => MachineImage.ExistsAsync(_client, image, cancellationToken);

    /// <summary>
    /// Starts a service container (replacing one of the same name a kept lab left): its files written before it starts,
    /// removed with the lab. The image must be present: the lab never pulls.
    /// </summary>
    public async Task StartServiceAsync(LabServiceContainer service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var name = $"{Name}-{service.Name}";
        try
        {
            await _client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }

        var network = NetworkName(service.Subnet);
        var beside = service.Beside is null ? null : $"container:{this[service.Beside].ContainerId}";
        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = service.Image,
            Name = name,
            Hostname = beside is null ? service.Name : null!,
            Cmd = service.Command is null ? null! : [.. service.Command], // null: the image's own command
            Env = [.. service.Environment.Select(e => $"{e.Key}={e.Value}")],
            Labels = new Dictionary<string, string> { [MachineLabLabels.Lab] = Name, [MachineLabLabels.Role] = "service" },
            HostConfig = beside is null
                ? new HostConfig { NetworkMode = network }
                : new HostConfig { NetworkMode = beside, PidMode = beside, CapAdd = ["SYS_PTRACE"] },
            NetworkingConfig = beside is null
                ? new NetworkingConfig
                {
                    EndpointsConfig = new Dictionary<string, EndpointSettings>
                    {
                        [network] = new EndpointSettings { IPAMConfig = new EndpointIPAMConfig { IPv4Address = service.Address.ToString() }, Aliases = [service.Name] },
                    },
                }
                : null,
        }, cancellationToken).ConfigureAwait(false);
        _services[service.Name] = (created.ID, service);
        if (service.Files.Count > 0)
        {
            using var archive = FilesArchive(service.Files.ToDictionary(f => f.Key, f => (f.Value, ReadableFile)));
            await _client.Containers.ExtractArchiveToContainerAsync(created.ID, new CopyToContainerParameters { Path = "/" }, archive, cancellationToken).ConfigureAwait(false);
        }

        await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes files (path → content, mode 0644) into a machine, as root; their folders are created.</summary>
    public async Task CopyFilesAsync(string name, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var archive = FilesArchive(files.ToDictionary(f => f.Key, f => (f.Value, ReadableFile)));
        await _client.Containers.ExtractArchiveToContainerAsync(this[name].ContainerId, new CopyToContainerParameters { Path = "/" }, archive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a machine the way a VM is powered off (systemd shuts down; SSH sessions close).</summary>
    public async Task StopMachineAsync(string name, CancellationToken cancellationToken = default)
        => await _client.Containers.StopContainerAsync(this[name].ContainerId, new ContainerStopParameters { WaitBeforeKillSeconds = 20 }, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts a stopped machine and waits until it boots and answers SSH again.</summary>
    public Task StartMachineAsync(string name, CancellationToken cancellationToken = default) => StartMachineAsync(name, untilBooted: true, cancellationToken);

    /// <summary>
    /// Starts a stopped machine and waits until it answers SSH, and unless <paramref name="untilBooted"/> is false until
    /// systemd finished booting: a member whose etcd waits for peers that are down holds the boot, as on a VM.
    /// </summary>
    public async Task StartMachineAsync(string name, bool untilBooted, CancellationToken cancellationToken = default)
    {
        var machine = this[name];
        await _client.Containers.StartContainerAsync(machine.ContainerId, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        await BootAsync(machine, cancellationToken, untilBooted ? BootWaits : [BootWaits[0]]).ConfigureAwait(false);

        // A service beside the machine ended with its processes: it joins the machine's new ones.
        foreach (var (id, _) in _services.Values.Where(s => s.Spec.Beside == name))
        {
            await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a command inside a machine (as root, outside SSH).</summary>
    public Task<ExecResult> ExecAsync(string name, IList<string> command, CancellationToken cancellationToken = default)
        => LabContainers.ExecAsync(_client, this[name].ContainerId, command, cancellationToken);

    /// <summary>
    /// Follows the machine's journal for <paramref name="units"/> from now on, each line to <paramref name="onLine"/>,
    /// until the machine stops or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task FollowJournalAsync(string name, IEnumerable<string> units, Action<string> onLine, CancellationToken cancellationToken = default)
        => LabContainers.FollowAsync(_client, this[name].ContainerId, ["journalctl", "--follow", "--lines=0", "--output=short-iso", "--no-hostname", .. units.SelectMany(u => new[] { "--unit", u })], onLine, cancellationToken);

    /// <summary>The last lines the machine's console printed (systemd's boot messages).</summary>
    public Task<string> LogsAsync(string name, int tail = 200, CancellationToken cancellationToken = default)
        => LabContainers.LogsAsync(_client, this[name].ContainerId, tail, cancellationToken);

    /// <summary>Re-attaches to the machines of a kept lab with this configuration's name; false when none exist.</summary>
    public async Task<bool> AttachExistingAsync(CancellationToken cancellationToken = default)
    {
        var containers = await LabContainers.ListAsync(_client, Name, cancellationToken).ConfigureAwait(false);

        // Adopt the router and networks too, so tearing the reused lab down removes all of it.
        if (containers.FirstOrDefault(c => c.Labels.TryGetValue(MachineLabLabels.Role, out var role) && role == "router") is { } router)
        {
            _routerId = router.ID;
            if (router.State != "running")
            {
                await _client.Containers.StartContainerAsync(router.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var network in await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabContainers.LabelFilter(Name) }, cancellationToken).ConfigureAwait(false))
        {
            _networks.Add(network.ID);
        }

        foreach (var container in containers.Where(c => c.Labels.ContainsKey(MachineLabLabels.Machine)))
        {
            var name = container.Labels[MachineLabLabels.Machine];
            if (Configuration.Topology.Machines.FirstOrDefault(m => m.Name == name) is not { } machine)
            {
                // A lab-only machine (the snapshot target): adopted, so tearing the lab down removes it too.
                if (container.State == "running" && container.NetworkSettings?.Networks?.Values.FirstOrDefault()?.IPAddress is { Length: > 0 } ip
                    && Configuration.Subnets.FirstOrDefault(s => s.Value.Contains(IPAddress.Parse(ip))) is { Key: { } subnet })
                {
                    var sshPort = container.Ports.FirstOrDefault(p => p.PrivatePort == 22)?.PublicPort ?? 0;
                    _machines[name] = new LabMachine(new Machine(name, NodeRole.LoadBalancer, name, subnet, IPAddress.Parse(ip), 1), container.ID, "127.0.0.1", sshPort);
                }

                continue;
            }

            var port = container.Ports.FirstOrDefault(p => p.PrivatePort == 22)?.PublicPort ?? 0;
            _machines[name] = new LabMachine(machine, container.ID, "127.0.0.1", port);
            if (container.State != "running")
            {
                await StartMachineAsync(name, cancellationToken).ConfigureAwait(false);
            }
        }

        return Configuration.Topology.Machines.All(m => _machines.ContainsKey(m.Name));
    }

    /// <summary>How many containers carry the label of lab <paramref name="labName"/> (a kept lab), running or not.</summary>
    public static async Task<int> CountExistingAsync(Uri engine, string labName, CancellationToken cancellationToken = default)
    {
        using var client = new DockerClientBuilder().WithEndpoint(engine).Build();
        return (await LabContainers.ListAsync(client, labName, cancellationToken).ConfigureAwait(false)).Count;
    }

    /// <summary>Removes every container and network labelled with <paramref name="labName"/> (a kept lab being replaced).</summary>
    public static async Task<int> RemoveExistingAsync(Uri engine, string labName, CancellationToken cancellationToken = default)
    {
        using var client = new DockerClientBuilder().WithEndpoint(engine).Build();
        var containers = await LabContainers.ListAsync(client, labName, cancellationToken).ConfigureAwait(false);
        // Services first: one beside a machine shares its namespaces, and the engine keeps a machine its services depend on.
        foreach (var container in containers.OrderBy(c => c.Labels.TryGetValue(MachineLabLabels.Role, out var role) && role == "service" ? 0 : 1))
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
        }

        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabContainers.LabelFilter(labName) }, cancellationToken).ConfigureAwait(false);
        foreach (var network in networks)
        {
            await client.Networks.DeleteNetworkAsync(network.ID, cancellationToken).ConfigureAwait(false);
        }

        return containers.Count;
    }

    /// <summary>Removes this lab's machines and networks (only those it created, by id).</summary>
    public async ValueTask DisposeAsync()
    {
        // In parallel: the Aspire CLI gives a stopping AppHost about 10 s before it kills it. Services first: one beside a
        // machine shares its namespaces, and the engine keeps a machine its services depend on.
        await RemoveAllAsync(_services.Values.Select(s => s.Id)).ConfigureAwait(false);
        await RemoveAllAsync(_machines.Values.Select(m => m.ContainerId).Append(_routerId).OfType<string>()).ConfigureAwait(false);

        foreach (var network in _networks)
        {
            try
            {
                await _client.Networks.DeleteNetworkAsync(network).ConfigureAwait(false);
            }
            catch (DockerNetworkNotFoundException)
            {
            }
        }

        _machines.Clear();
        _services.Clear();
        _client.Dispose();
    }

    private Task RemoveAllAsync(IEnumerable<string> ids) => Task.WhenAll(ids.Select(async id =>
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }));

    /// <summary>Leaves the lab running (--keep): forgets its machines so dispose removes nothing.</summary>
    public void Detach()
    {
        _routerId = null;
        _machines.Clear();
        _services.Clear();
        _networks.Clear();
    }

    internal void Report(string message) => Progress?.Invoke(message);

    private async Task CreateNetworkAsync(string subnet, IPNetwork range, CancellationToken cancellationToken)
    {
        NetworksCreateResponse response;
        try
        {
            response = await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
            Name = NetworkName(subnet),
            Driver = "bridge",
            Labels = new Dictionary<string, string> { [MachineLabLabels.Lab] = Name, [MachineLabLabels.Subnet] = subnet },
            IPAM = new IPAM { Config = [new IPAMConfig { Subnet = range.ToString(), Gateway = PlatformTopology.HostAddress(range, 1).ToString() }] },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.ResponseBody is { } body && (body.Contains("already used", StringComparison.OrdinalIgnoreCase) || body.Contains("overlap", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PlatformException($"Lab {Name}: subnet '{subnet}' ({range}) is already used on this host by another network or lab. Remove that network, or give the subnet another range in the model.");
        }

        _networks.Add(response.ID);
    }

    private async Task CreateMachineAsync(Machine machine, string image, CancellationToken cancellationToken)
    {
        // A free port can be taken by another process before the engine binds it: try another, a few times.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var id = await CreateContainerAsync(machine, image, port, cancellationToken).ConfigureAwait(false);
            var lab = new LabMachine(machine, id, "127.0.0.1", port);
            _machines[machine.Name] = lab;
            try
            {
                await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (attempt < 3 && e.ResponseBody?.Contains("address already in use", StringComparison.OrdinalIgnoreCase) == true)
            {
                await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await BootAsync(lab, cancellationToken).ConfigureAwait(false);
            Report($"{machine.Name}: up at {machine.Address}, ssh 127.0.0.1:{port}");
            return;
        }
    }

    /// <summary>Creates a machine's container with SSH published on <paramref name="port"/> and its boot files in place.</summary>
    private async Task<string> CreateContainerAsync(Machine machine, string image, int port, CancellationToken cancellationToken)
    {
        var network = NetworkName(machine.Subnet);
        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Name = $"{Name}-{machine.Name}",
            Hostname = machine.Name,
            Labels = new Dictionary<string, string> { [MachineLabLabels.Lab] = Name, [MachineLabLabels.Machine] = machine.Name, [MachineLabLabels.Role] = machine.Role.ToName() },
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["22/tcp"] = default },
            StopSignal = "SIGRTMIN+3",
            HostConfig = new HostConfig
            {
                Privileged = true,
                NetworkMode = network,
                PortBindings = new Dictionary<string, IList<PortBinding>> { ["22/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }] },
            },
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings>
                {
                    [network] = new EndpointSettings { IPAMConfig = new EndpointIPAMConfig { IPv4Address = machine.Address.ToString() }, Aliases = [machine.Name] },
                },
            },
        }, cancellationToken).ConfigureAwait(false);
        await _client.Containers.ExtractArchiveToContainerAsync(created.ID, new CopyToContainerParameters { Path = "/" }, BootFilesArchive(), cancellationToken).ConfigureAwait(false);
        return created.ID;
    }

    /// <summary>
    /// Engines isolate bridge networks from each other (Docker always; podman through its Docker API), so a
    /// router container on every subnet forwards between them, like the router of a VM network.
    /// </summary>
    private async Task CreateRouterAsync(CancellationToken cancellationToken)
    {
        var subnets = Configuration.Subnets.Where(s => Configuration.Topology.Machines.Any(m => m.Subnet == s.Key)).ToList();
        if (subnets.Count < 2)
        {
            return;
        }

        var first = subnets[0];
        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = Configuration.Image,
            Name = $"{Name}-router",
            Hostname = "router",
            Cmd = ["sleep", "infinity"],
            Labels = new Dictionary<string, string> { [MachineLabLabels.Lab] = Name, [MachineLabLabels.Role] = "router" },
            HostConfig = new HostConfig { NetworkMode = NetworkName(first.Key), CapAdd = ["NET_ADMIN"], Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" } },
            NetworkingConfig = new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [NetworkName(first.Key)] = RouterEndpoint(first.Value) } },
        }, cancellationToken).ConfigureAwait(false);
        _routerId = created.ID;
        foreach (var (subnet, range) in subnets.Skip(1))
        {
            await _client.Networks.ConnectNetworkAsync(NetworkName(subnet), new NetworkConnectParameters { Container = created.ID, EndpointConfig = RouterEndpoint(range) }, cancellationToken).ConfigureAwait(false);
        }

        await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
    }

    private static EndpointSettings RouterEndpoint(IPNetwork range) => new() { IPAMConfig = new EndpointIPAMConfig { IPv4Address = PlatformTopology.HostAddress(range, RouterHostNumber).ToString() } };

    /// <summary>Routes from a machine to the other subnets through the router (again after every boot), in one exec.</summary>
    private async Task AddRoutesAsync(LabMachine machine, CancellationToken cancellationToken)
    {
        var others = Configuration.Subnets.Where(s => s.Key != machine.Machine.Subnet && Configuration.Topology.Machines.Any(m => m.Subnet == s.Key)).ToList();
        if (others.Count == 0)
        {
            return;
        }

        var via = PlatformTopology.HostAddress(Configuration.Subnets[machine.Machine.Subnet], RouterHostNumber);
        var routes = string.Join(" && ", others.Select(s => $"ip route replace {s.Value} via {via}"));
        var result = await ExecAsync(machine.Name, ["sh", "-c", routes], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new PlatformException($"Machine {machine.Name}: cannot route to subnets {string.Join(", ", others.Select(s => $"'{s.Key}' ({s.Value})"))} via the lab router {via}: {result.Error.Trim()}");
        }
    }

    /// <summary>
    /// Waits for a machine to boot. systemd in a container now and then stalls early in boot (every job
    /// waiting, none running) when many machines start at once; like a hung VM, the machine is then reset
    /// once, and only a second stall fails the lab.
    /// </summary>
    private async Task BootAsync(LabMachine machine, CancellationToken cancellationToken, IMachineWait[]? waits = null)
    {
        waits ??= BootWaits;
        try
        {
            await WaitForBootAsync(machine, waits, cancellationToken).ConfigureAwait(false);
        }
        catch (MachineBootException e)
        {
            Report($"{machine.Name}: {e.Waited} did not happen within {Configuration.BootTimeout}; resetting the machine once");
            await _client.Containers.RestartContainerAsync(machine.ContainerId, new ContainerRestartParameters { WaitBeforeKillSeconds = 5 }, cancellationToken).ConfigureAwait(false);
            await WaitForBootAsync(machine, waits, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForBootAsync(LabMachine machine, IMachineWait[] waits, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Configuration.BootTimeout;
        foreach (var wait in waits)
        {
            while (true)
            {
                try
                {
                    if (await wait.UntilAsync(this, machine, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (DockerApiException)
                {
                    // The container is still coming up (exec refused); keep polling until the deadline.
                }

                if (DateTime.UtcNow > deadline)
                {
                    var logs = await LogsAsync(machine.Name, 15, cancellationToken).ConfigureAwait(false);
                    throw new MachineBootException(machine.Name, Name, wait.Description, Configuration.BootTimeout, logs);
                }

                await Task.Delay(BootPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        await AddRoutesAsync(machine, cancellationToken).ConfigureAwait(false);
    }

    private const UnixFileMode ReadableFile = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>root's authorized_keys and the configured files, as a tar extracted at / before the first boot.</summary>
    private MemoryStream BootFilesArchive()
    {
        var files = new Dictionary<string, (string Content, UnixFileMode Mode)>(StringComparer.Ordinal)
        {
            ["/root/.ssh/authorized_keys"] = (Configuration.AuthorizedKey + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite),
        };
        foreach (var (path, content) in Configuration.Files)
        {
            files[path] = (content, ReadableFile);
        }

        return FilesArchive(files);
    }

    /// <summary>Files as a tar to extract at /; each file's own folder is created, the folders above keep their owners and modes.</summary>
    private static MemoryStream FilesArchive(IReadOnlyDictionary<string, (string Content, UnixFileMode Mode)> files)
    {
        var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            var directories = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, (content, mode)) in files)
            {
                var relative = path.TrimStart('/');

                // Only the file's own folder: the image's folders above it keep their owners and modes.
                var directory = Path.GetDirectoryName(relative)!.Replace('\\', '/');
                if (directory.Length > 0 && directories.Add(directory))
                {
                    var dirMode = directory == "root/.ssh" ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = dirMode });
                }

                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, relative) { Mode = mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
            }
        }

        archive.Position = 0;
        return archive;
    }

    private string NetworkName(string subnet) => $"{Name}-{subnet}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
