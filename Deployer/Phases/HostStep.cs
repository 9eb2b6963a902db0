using Platform.Deployer.Hosts;
using Platform.Deployer.Ssh;

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

    /// <summary>Reports something worth knowing that is not a failure.</summary>
    public void Warn(string message)
    {
        _warnings.Add(message);
        Context.Observer.Warning(Host.Name, Phase, message);
    }

    /// <summary>Writes each file whose content or mode differs from the facts; returns the files that changed.</summary>
    public async Task<IReadOnlyList<DesiredFile>> EnsureFilesAsync(IEnumerable<DesiredFile> files, CancellationToken cancellationToken)
    {
        var changed = new List<DesiredFile>();
        foreach (var file in files)
        {
            var observed = Facts.Files.GetValueOrDefault(file.Path);
            if (observed is not null && observed.Sha256 == file.Sha256 && observed.Mode == file.StatMode)
            {
                continue;
            }

            var what = observed is null ? "new" : observed.Sha256 != file.Sha256 ? "content differs" : $"mode {observed.Mode} → {file.StatMode}";
            await ChangeAsync($"write {file.Path} ({what})", async ct =>
            {
                await Host.Ssh.WriteFileAsync(file.Path, file.Content, file.Mode, ct).ConfigureAwait(false);
                Facts.Files[file.Path] = new FileState(file.StatMode, file.Sha256);
            }, cancellationToken).ConfigureAwait(false);
            changed.Add(file);
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
    public async Task EnsureServiceAsync(string unit, string? restartBecause, CancellationToken cancellationToken, bool blockOnStart = true)
    {
        var service = ManagedUnits.Normalize(unit);
        if (!ManagedUnits.All.Contains(service))
        {
            // Facts only know managed units; an unknown one would look disabled on every run.
            throw new InvalidOperationException($"{service} is not in ManagedUnits.All; add it there.");
        }

        if (!Facts.EnabledUnits.ContainsKey(service))
        {
            await ChangeAsync($"enable {service}", async ct =>
            {
                await RunAsync($"systemctl enable {Shell.Quote(service)}", ct).ConfigureAwait(false);
                Facts.EnabledUnits[service] = true;
            }, cancellationToken).ConfigureAwait(false);
        }

        var noBlock = blockOnStart ? "" : "--no-block ";
        if (!Facts.ActiveUnits.ContainsKey(service))
        {
            await ChangeAsync($"start {service}", async ct =>
            {
                await RunAsync($"systemctl {noBlock}start {Shell.Quote(service)}", ct).ConfigureAwait(false);
                Facts.ActiveUnits[service] = true;
            }, cancellationToken).ConfigureAwait(false);
        }
        else if (restartBecause is not null)
        {
            await ChangeAsync($"restart {service} ({restartBecause})", ct => RunAsync($"systemctl {noBlock}restart {Shell.Quote(service)}", ct), cancellationToken).ConfigureAwait(false);
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
