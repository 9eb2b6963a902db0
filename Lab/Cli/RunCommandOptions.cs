using System.CommandLine;
using Platform.Deployer.Cli;
using Platform.Deployer.Phases;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Lab.Substrates;

namespace Platform.Lab.Cli;

/// <summary>The options of run mode.</summary>
public sealed class RunCommandOptions
{
    /// <summary>The dashboard's default port, as Aspire's.</summary>
    public const int DefaultDashboardPort = 18888;

    private readonly Option<string> _substrate = new("--substrate") { Description = "fast: k3s in a container with the cluster add-ons (default). machines: the model's VMs as containers, deployed by the Deployer.", DefaultValueFactory = _ => "fast" };
    private readonly Option<string> _name = new("--lab-name") { Description = "The lab's name: the label platform.lab=<name> on everything it starts.", DefaultValueFactory = _ => LabOptions.DefaultName };
    private readonly Option<bool> _keep = new("--keep") { Description = "Leave the lab running on exit; the next run reuses it." };
    private readonly Option<bool> _replace = new("--replace") { Description = "Remove a kept lab of the same name and start afresh (default: reuse it)." };
    private readonly Option<int> _port = new("--dashboard-port") { Description = $"The dashboard's port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => DefaultDashboardPort };
    private readonly Option<DirectoryInfo?> _state = new("--state") { Description = "The lab's state folder: SSH key, secrets, Deployer journal (default .platform/lab-<name>)." };
    private readonly Option<string?> _engine = new("--engine") { Description = "The Docker-API endpoint, e.g. unix:///run/podman/podman.sock (default: DOCKER_HOST, then Docker's and podman's sockets)." };
    private readonly Option<string[]> _skip = new("--skip") { Description = "machines: Deployer phases not to run (comma-separated), e.g. kubernetes-packages,init,join-control-planes,join-workers,cni,addons.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _etcdSource = EtcdSourceOption.Create("machines: where etcd comes from: upstream (pinned release) or distro (the distribution's package, for machines without internet).");
    private readonly Option<bool> _open = new("--open") { Description = "Open the dashboard in the default browser." };
    private readonly Option<bool> _exitWhenReady = new("--exit-when-ready") { Description = "Exit once the lab is up (or failed) instead of serving until Ctrl+C; with --keep, the lab stays." };

    /// <summary>The parsed values.</summary>
    public sealed record Values(
        LabSubstrateKind Substrate,
        string Name,
        bool Keep,
        ExistingLabPolicy Existing,
        int DashboardPort,
        string StateDirectory,
        Uri? Engine,
        IReadOnlyList<string> Skip,
        EtcdSource? EtcdSource,
        bool Open,
        bool ExitWhenReady);

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        _substrate.AcceptOnlyFromAmong("fast", "machines");
        foreach (var option in new Option[] { _substrate, _name, _keep, _replace, _port, _state, _engine, _skip, _etcdSource, _open, _exitWhenReady })
        {
            command.Add(option);
        }
    }

    /// <summary>Reads and checks the values; the errors say which option is wrong and what it accepts.</summary>
    public (Values? Values, IReadOnlyList<string> Errors) Read(ParseResult parse)
    {
        var errors = new List<string>();
        var name = parse.GetValue(_name)!;
        if (!MachineLabBuilder.IsValidName(name))
        {
            errors.Add($"--lab-name '{name}': use 1-31 lowercase letters, digits and '-', starting with a letter or digit.");
        }

        var port = parse.GetValue(_port);
        if (port is < 0 or > 65535)
        {
            errors.Add($"--dashboard-port {port}: use 0 (any free port) or 1-65535.");
        }

        Uri? engine = null;
        if (parse.GetValue(_engine) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out engine) || engine.Scheme is not ("unix" or "tcp" or "http" or "https")))
        {
            errors.Add($"--engine '{text}': use a Docker-API endpoint such as unix:///run/podman/podman.sock or tcp://127.0.0.1:2375.");
            engine = null;
        }

        var skip = (parse.GetValue(_skip) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var phases = Pipeline.Phases.Select(p => p.Name).ToHashSet();
        foreach (var unknown in skip.Where(s => !phases.Contains(s)))
        {
            errors.Add($"--skip '{unknown}': no such phase. Phases: {string.Join(", ", phases)}.");
        }

        var substrate = parse.GetValue(_substrate) == "machines" ? LabSubstrateKind.Machines : LabSubstrateKind.Fast;
        if (substrate == LabSubstrateKind.Fast && skip.Count > 0)
        {
            errors.Add("--skip applies to --substrate machines (the Deployer's phases); the fast substrate runs no phases.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var state = parse.GetValue(_state)?.FullName ?? Path.GetFullPath(Path.Combine(".platform", "lab-" + name));
        return (new Values(
            substrate,
            name,
            parse.GetValue(_keep),
            parse.GetValue(_replace) ? ExistingLabPolicy.Replace : ExistingLabPolicy.Reuse,
            port,
            state,
            engine,
            skip,
            EtcdSourceOption.Parse(parse.GetValue(_etcdSource)),
            parse.GetValue(_open),
            parse.GetValue(_exitWhenReady)), errors);
    }
}
