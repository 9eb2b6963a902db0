using System.Text;
using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;

namespace Platform.Deployer.Phases;

/// <summary>
/// One phase on one host. Every change goes through <see cref="ChangeAsync"/>: on plan it is recorded, on
/// apply it is made and logged, with the same words either way.
/// </summary>
public sealed class HostStep(DeploymentContext context, IPhase phase, DeployHost host)
{
    private readonly List<Change> _changes = [];
    private readonly List<string> _warnings = [];

    /// <summary>The run.</summary>
    public DeploymentContext Context { get; } = context;

    /// <summary>The phase.</summary>
    public IPhase Phase { get; } = phase;

    /// <summary>The host.</summary>
    public DeployHost Host { get; } = host;

    /// <summary>The host's facts.</summary>
    public HostFacts Facts => Host.Facts;

    /// <summary>The changes planned or made so far.</summary>
    public IReadOnlyList<Change> Changes => _changes;

    /// <summary>The warnings reported so far.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Records a change; on apply also performs it.</summary>
    public async Task ChangeAsync(string description, Func<CancellationToken, Task> apply, CancellationToken cancellationToken)
    {
        var change = new Change(Host.Name, Phase.Name, description);
        _changes.Add(change);
        if (!Context.DryRun)
        {
            await apply(cancellationToken).ConfigureAwait(false);
        }

        Context.Observer.ChangeRecorded(change, applied: !Context.DryRun);
    }

    /// <summary>Runs a command that changes nothing (a check); returns its result whatever the exit code.</summary>
    public Task<CommandResult> QueryAsync(string command, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => Host.Ssh.RunAsync(command, timeout, cancellationToken);

    /// <summary>Runs a command inside a change and fails with its error when it exits non-zero.</summary>
    public async Task RunAsync(string command, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => (await Host.Ssh.RunAsync(command, timeout, cancellationToken).ConfigureAwait(false)).EnsureSuccess();

    /// <summary>
    /// Runs <paramref name="command"/> with <paramref name="content"/> in a 0600 file under /run (tmpfs) that is removed
    /// when the command ends, whatever happens; the command names it <c>"$PLATFORM_SECRET_FILE"</c>. The content travels
    /// on standard input, so no secret is on a command line (ps, sudo's log) or left on a disk.
    /// </summary>
    public async Task RunWithSecretFileAsync(string command, string content, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => (await Host.Ssh.RunWithInputAsync(SecretFileScript + command, Encoding.UTF8.GetBytes(content), timeout, cancellationToken).ConfigureAwait(false)).EnsureSuccess();

    /// <summary>Runs <paramref name="command"/> with <paramref name="content"/> on its standard input (e.g. <c>kubectl apply -f -</c>).</summary>
    public async Task<CommandResult> RunWithInputAsync(string command, string content, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => await Host.Ssh.RunWithInputAsync(command, Encoding.UTF8.GetBytes(content), timeout, cancellationToken).ConfigureAwait(false);

    /// <summary>The start of <see cref="RunWithSecretFileAsync"/>'s script: the private file, removed on exit and on signals.</summary>
    public const string SecretFileScript = "umask 077; PLATFORM_SECRET_FILE=$(mktemp /run/platform-secret.XXXXXXXX) || exit 1; "
        + "trap 'rm -f \"$PLATFORM_SECRET_FILE\"' EXIT; trap 'rm -f \"$PLATFORM_SECRET_FILE\"; exit 129' HUP INT TERM; "
        + "cat > \"$PLATFORM_SECRET_FILE\" || exit 1; ";

    /// <summary>Reports something worth knowing that is not a failure.</summary>
    public void Warn(string message)
    {
        message = SecretRedactor.Redact(message);
        _warnings.Add(message);
        Context.Observer.Warning(Host.Name, Phase, message);
    }

    /// <summary>Writes each file whose content or mode differs from the facts, all in one round trip; returns the files that changed.</summary>
    public async Task<IReadOnlyList<DesiredFile>> EnsureFilesAsync(IEnumerable<DesiredFile> files, CancellationToken cancellationToken)
    {
        var changed = files.Where(f => Facts.Files.GetValueOrDefault(f.Path) is not { } observed || observed.Sha256 != f.Sha256 || observed.Mode != f.StatMode).ToList();
        if (changed.Count > 0 && !Context.DryRun)
        {
            await Host.Ssh.WriteFilesAsync(changed.Select(f => new RemoteFile(f.Path, f.Content, f.Mode)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        foreach (var file in changed)
        {
            var observed = Facts.Files.GetValueOrDefault(file.Path);
            var what = observed is null ? "new" : observed.Sha256 != file.Sha256 ? "content differs" : $"mode {observed.Mode} → {file.StatMode}";
            await ChangeAsync($"write {file.Path} ({what})", _ =>
            {
                Facts.Files[file.Path] = new FileState(file.StatMode, file.Sha256); // written above, with the others
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    /// <summary>Installs the packages that are missing (name or name=version); refreshes package lists first.</summary>
    public async Task EnsurePackagesAsync(IEnumerable<string> packages, CancellationToken cancellationToken)
    {
        var missing = packages.Distinct().Where(p => !IsInstalled(p)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await ChangeAsync($"install packages {string.Join(' ', missing)}", async ct =>
        {
            await RunAsync($"{Host.Configurer.UpdatePackageLists} && {Host.Configurer.InstallPackages(missing)}", ct, TimeSpan.FromMinutes(15)).ConfigureAwait(false);
            foreach (var package in missing)
            {
                var (name, version) = Split(package);
                Facts.Packages[name] = version ?? "installed";
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enables and starts a unit; restarts it when <paramref name="restartBecause"/> is given and it is already running.</summary>
    public Task EnsureServiceAsync(string unit, string? restartBecause, CancellationToken cancellationToken, bool blockOnStart = true)
        => EnsureServicesAsync([(unit, restartBecause)], cancellationToken, blockOnStart);

    /// <summary>
    /// Enables and starts units, each restarted when its reason is given and it is already running. Units that need
    /// the same action share one systemctl call: enabling reloads systemd and syncs SysV links, seconds on a busy host.
    /// </summary>
    public async Task EnsureServicesAsync(IReadOnlyList<(string Unit, string? RestartBecause)> units, CancellationToken cancellationToken, bool blockOnStart = true)
    {
        var services = units.Select(u => (Name: ManagedUnits.Normalize(u.Unit), u.RestartBecause)).ToList();
        foreach (var (service, _) in services.Where(s => !ManagedUnits.All.Contains(s.Name)))
        {
            // Facts only know managed units; an unknown one would look disabled on every run.
            throw new InvalidOperationException($"{service} is not in ManagedUnits.All; add it there.");
        }

        var noBlock = blockOnStart ? "" : "--no-block ";
        var enable = services.Where(s => !Facts.EnabledUnits.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        var start = services.Where(s => !Facts.ActiveUnits.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        var enableAndStart = enable.Intersect(start).ToList();
        await SystemctlAsync("enable and start", $"enable --now {noBlock}", enableAndStart, enables: true, starts: true, cancellationToken).ConfigureAwait(false);
        await SystemctlAsync("enable", "enable ", enable.Except(enableAndStart).ToList(), enables: true, starts: false, cancellationToken).ConfigureAwait(false);
        await SystemctlAsync("start", $"{noBlock}start ", start.Except(enableAndStart).ToList(), enables: false, starts: true, cancellationToken).ConfigureAwait(false);
        foreach (var (service, reason) in services.Where(s => s.RestartBecause is not null && !start.Contains(s.Name)))
        {
            await ChangeAsync($"restart {service} ({reason})", ct => RunAsync($"systemctl {noBlock}restart {Shell.Quote(service)}", ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs systemctl daemon-reload when any of the changed files is a unit.</summary>
    public async Task ReloadUnitsIfChangedAsync(IEnumerable<DesiredFile> changed, CancellationToken cancellationToken)
    {
        var units = changed.Where(f => f.Path.StartsWith("/etc/systemd/system/", StringComparison.Ordinal)).Select(f => Path.GetFileName(f.Path)).ToList();
        if (units.Count > 0)
        {
            await ChangeAsync($"reload systemd units ({string.Join(", ", units)})", ct => RunAsync("systemctl daemon-reload", ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"configuration changed" when any changed file belongs to one of the components, else null (no restart).</summary>
    public static string? RestartReason(IEnumerable<DesiredFile> changed, params string[] components)
        => changed.Any(f => components.Contains(f.Component)) ? "configuration changed" : null;

    /// <summary>One change for <paramref name="services"/>: one systemctl call, then the facts say what it did.</summary>
    private async Task SystemctlAsync(string what, string arguments, IReadOnlyList<string> services, bool enables, bool starts, CancellationToken cancellationToken)
    {
        if (services.Count == 0)
        {
            return;
        }

        await ChangeAsync($"{what} {string.Join(' ', services)}", async ct =>
        {
            await RunAsync($"systemctl {arguments}{Shell.Join(services)}", ct).ConfigureAwait(false);
            foreach (var service in services)
            {
                if (enables)
                {
                    Facts.EnabledUnits[service] = true;
                }

                if (starts)
                {
                    Facts.ActiveUnits[service] = true;
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private bool IsInstalled(string package)
    {
        var (name, version) = Split(package);
        return Facts.Packages.TryGetValue(name, out var installed) && (version is null || installed == version);
    }

    private static (string Name, string? Version) Split(string package)
    {
        var i = package.IndexOf('=');
        return i < 0 ? (package, null) : (package[..i], package[(i + 1)..]);
    }
}
