using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>
/// Builds a lab of containers that behave like VMs. Immutable: each With… returns a new builder;
/// <see cref="Build"/> validates everything before any container exists.
/// </summary>
/// <example>
/// <code>
/// await using var lab = new MachineLabBuilder().WithName("e2e").WithModel(model).WithAuthorizedKey(publicKey).WithEngine(engine).Build();
/// await lab.StartAsync();
/// </code>
/// </example>
public sealed partial record MachineLabBuilder
{
    private string? _name;
    private Uri? _engine;
    private string _image = MachineImage.Default;
    private PlatformTopology? _topology;
    private IReadOnlyDictionary<string, IPNetwork>? _subnets;
    private string? _authorizedKey;
    private TimeSpan _bootTimeout = TimeSpan.FromSeconds(120);
    private int _parallelism = 8;
    private IReadOnlyDictionary<string, string> _files = new Dictionary<string, string>();

    /// <summary>Names the lab (lowercase letters, digits, '-').</summary>
    public MachineLabBuilder WithName(string name) => this with { _name = name };

    /// <summary>The Docker API endpoint (see <see cref="ContainerEngine.DiscoverAsync"/>).</summary>
    public MachineLabBuilder WithEngine(Uri engine) => this with { _engine = engine };

    /// <summary>The machine image (default <see cref="MachineImage.Default"/>).</summary>
    public MachineLabBuilder WithImage(string image) => this with { _image = image };

    /// <summary>Machines and subnets from a model: every pool member at its planned address.</summary>
    public MachineLabBuilder WithModel(PlatformModel model)
        => WithTopology(model.PlanTopology(), model.OfType<SubnetResource>().ToDictionary(s => s.Name, s => s.Cidr));

    /// <summary>Explicit machines and the ranges of their subnets.</summary>
    public MachineLabBuilder WithTopology(PlatformTopology topology, IReadOnlyDictionary<string, IPNetwork> subnets) => this with { _topology = topology, _subnets = subnets };

    /// <summary>The public key (OpenSSH format) authorised for root on every machine.</summary>
    public MachineLabBuilder WithAuthorizedKey(string publicKey) => this with { _authorizedKey = publicKey.Trim() };

    /// <summary>How long each machine may take to boot (default 120 s).</summary>
    public MachineLabBuilder WithBootTimeout(TimeSpan timeout) => this with { _bootTimeout = timeout };

    /// <summary>Places a file on every machine before its first boot, as cloud-init's write_files would (appends; a path given twice keeps the last).</summary>
    /// <example><code>builder.WithFile("/etc/motd", "lab machine\n")</code></example>
    public MachineLabBuilder WithFile(string path, string content) => this with { _files = new Dictionary<string, string>(_files) { [path] = content } };

    /// <summary>Machines started at once (default 8).</summary>
    public MachineLabBuilder WithParallelism(int parallelism) => this with { _parallelism = parallelism };

    /// <summary>Validates and creates the lab (nothing starts until <see cref="MachineLab.StartAsync"/>).</summary>
    /// <exception cref="ArgumentException">Something is missing or invalid; the message names it.</exception>
    public MachineLab Build()
    {
        var problems = new List<string>();
        if (_name is null || !LabName().IsMatch(_name))
        {
            problems.Add($"lab name '{_name}' must be lowercase letters, digits and '-' (WithName)");
        }

        if (_engine is null)
        {
            problems.Add("no engine (WithEngine; ContainerEngine.DiscoverAsync finds one)");
        }

        if (_topology is null || _topology.Machines.Count == 0)
        {
            problems.Add("no machines (WithModel or WithTopology)");
        }
        else
        {
            foreach (var machine in _topology.Machines.Where(m => _subnets is null || !_subnets.TryGetValue(m.Subnet, out var range) || !range.Contains(m.Address)))
            {
                problems.Add($"machine {machine.Name}: address {machine.Address} is not in a known subnet '{machine.Subnet}'");
            }

            foreach (var machine in _topology.Machines.Where(m => _subnets is not null && _subnets.TryGetValue(m.Subnet, out var range) && new[] { 1, MachineLab.RouterHostNumber }.Any(n => PlatformTopology.HostAddress(range, n).Equals(m.Address))))
            {
                problems.Add($"machine {machine.Name}: address {machine.Address} is the lab's gateway or router address (.1 and .{MachineLab.RouterHostNumber} are reserved)");
            }
        }

        if (string.IsNullOrWhiteSpace(_authorizedKey) || !_authorizedKey.StartsWith("ssh-", StringComparison.Ordinal) && !_authorizedKey.StartsWith("ecdsa-", StringComparison.Ordinal))
        {
            problems.Add("no OpenSSH public key to authorise (WithAuthorizedKey)");
        }

        foreach (var path in _files.Keys.Where(p => !p.StartsWith('/') || p.Contains("..", StringComparison.Ordinal)))
        {
            problems.Add($"file '{path}' must be an absolute path without '..' (WithFile)");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The machine lab cannot be built: " + string.Join("; ", problems) + ".");
        }

        return new MachineLab(new MachineLabConfiguration(_name!, _engine!, _image, _topology!, _subnets!, _authorizedKey!, _bootTimeout, Math.Max(1, _parallelism), _files));
    }

    /// <summary>True when <paramref name="name"/> can name a lab: it prefixes container and network names.</summary>
    public static bool IsValidName(string name) => LabName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,30}$")]
    private static partial Regex LabName();
}
