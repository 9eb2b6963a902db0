using System.CommandLine;
using Platform.Deployer.Phases;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Cli;

/// <summary>The options plan and apply share; <paramref name="dashboard"/> adds apply's <c>--dashboard-port</c>.</summary>
public sealed class DeployCommandOptions(bool dryRun, bool dashboard = false)
{
    private readonly Option<FileInfo> _inventory = new("--inventory", "-i") { Description = "The inventory YAML: each machine's name, address, SSH port, user, key file, role and subnet.", Required = true };
    private readonly Option<DirectoryInfo?> _state = new("--state") { Description = "The state folder for generated secrets, PKI and the resume journal (default .platform/<cluster>). Keep it private." };
    private readonly Option<FileInfo?> _knownHosts = new("--known-hosts") { Description = "The known_hosts file host keys are checked against (default ~/.ssh/known_hosts)." };
    private readonly Option<bool> _accept = new("--accept-new-host-keys") { Description = "Pin host keys not yet in known_hosts (first use). A changed key is refused regardless." };
    private readonly Option<int> _parallel = new("--parallel") { Description = "Hosts worked on at once.", DefaultValueFactory = _ => DeploymentOptions.DefaultParallelism };
    private readonly Option<string[]> _only = new("--only") { Description = $"Run only these phases (comma-separated): {string.Join(", ", Phases.Pipeline.Phases.Where(p => !p.IsPrerequisite).Select(p => p.Name))}.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _skip = new("--skip") { Description = "Skip these phases (comma-separated).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _etcdSource = EtcdSourceOption.Create("Where etcd comes from: upstream (pinned release, checksum verified) or distro (the distribution's package).");
    private readonly Option<bool> _json = new("--json") { Description = "Print the plan as JSON on stdout (progress goes to stderr)." };
    private readonly Option<int?> _dashboardPort = new("--dashboard-port") { Description = "Serve the dashboard with live per-host, per-phase progress on this port of 127.0.0.1 during the run (0: any free port)." };

    /// <summary>The parsed values.</summary>
    public sealed record Values(bool DryRun, string Inventory, string? State, string KnownHosts, bool AcceptNewHostKeys, int Parallel, string[] Only, string[] Skip, EtcdSource? EtcdSource, bool Json, int? DashboardPort = null);

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Add(_inventory);
        command.Add(_state);
        command.Add(_knownHosts);
        command.Add(_accept);
        command.Add(_parallel);
        command.Add(_only);
        command.Add(_skip);
        command.Add(_etcdSource);
        if (dryRun)
        {
            command.Add(_json);
        }

        if (dashboard)
        {
            _dashboardPort.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int?>() is < 0 or > 65535)
                {
                    r.AddError("--dashboard-port: use 0 (any free port) or 1-65535.");
                }
            });
            command.Add(_dashboardPort);
        }
    }

    /// <summary>Reads the values of a parse.</summary>
    public Values Read(ParseResult parse) => new(
        dryRun,
        parse.GetValue(_inventory)!.FullName,
        parse.GetValue(_state)?.FullName,
        parse.GetValue(_knownHosts)?.FullName ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts"),
        parse.GetValue(_accept),
        parse.GetValue(_parallel),
        parse.GetValue(_only) ?? [],
        parse.GetValue(_skip) ?? [],
        EtcdSourceOption.Parse(parse.GetValue(_etcdSource)),
        dryRun && parse.GetValue(_json),
        dashboard ? parse.GetValue(_dashboardPort) : null);
}
