using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Steps;

/// <summary>
/// The options of <c>aspire deploy</c> and <c>aspire do</c>, from the configuration section <c>Deploy</c>
/// (<c>aspire deploy -- --Deploy:Skip=addons</c> or <c>Deploy__Skip=addons</c>): the same meaning and
/// defaults as the deploy command line's options.
/// </summary>
/// <param name="State">The state folder (secrets, PKI, journal); null: .platform/&lt;cluster&gt;.</param>
/// <param name="KnownHosts">The known_hosts file host keys are checked against.</param>
/// <param name="AcceptNewHostKeys">Pin host keys not yet known (first use); a changed key is refused regardless.</param>
/// <param name="Parallel">Hosts worked on at once.</param>
/// <param name="Skip">Phases that do not run.</param>
/// <param name="EtcdSource">Overrides the model's etcd source, or null.</param>
public sealed record DeploySettings(string? State, string KnownHosts, bool AcceptNewHostKeys, int Parallel, IReadOnlyList<string> Skip, EtcdSource? EtcdSource)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Deploy";

    private const int MaxParallel = 1000;
    private static readonly string[] Keys = [nameof(State), nameof(KnownHosts), nameof(AcceptNewHostKeys), nameof(Parallel), nameof(Skip), nameof(EtcdSource), nameof(Confirm), nameof(Snapshot), nameof(Member), nameof(Hosts)];

    /// <summary>The operations that throw data, members or machines away, and so run only when <c>Deploy:Confirm</c> names them.</summary>
    public static readonly IReadOnlyList<string> Confirmable =
        [Etcd.EtcdRestore.Name, Etcd.EtcdReplaceMember.Name, Operations.HostReset.ResetName, Operations.HostReset.DestroyName, Operations.RemoveNode.OperationName, Operations.ReplaceNode.OperationName, Upgrade.KubernetesUpgrade.OperationName];

    /// <summary>The destructive operations <c>Deploy:Confirm</c> names (comma-separated): without it they only show their plan.</summary>
    public IReadOnlyList<string> Confirm { get; init; } = [];

    /// <summary>True when <c>Deploy:Confirm</c> names <paramref name="operation"/>.</summary>
    public bool Confirms(string operation) => Confirm.Contains(operation, StringComparer.Ordinal);

    /// <summary>The snapshot <c>aspire do etcd-restore</c> restores: a name, or null for the newest.</summary>
    public Etcd.SnapshotName? Snapshot { get; init; }

    /// <summary>The control plane <c>aspire do etcd-replace-member</c> replaces.</summary>
    public string? Member { get; init; }

    /// <summary>The machines a node operation works on (<c>aspire do reset</c>, <c>replace-node</c>), by inventory name.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The default known_hosts file.</summary>
    public static string DefaultKnownHosts => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

    /// <summary>Reads and checks the section, reporting every problem at once.</summary>
    /// <exception cref="DeployInputException">A key is unknown or a value is invalid.</exception>
    public static DeploySettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var problems = new List<string>();
        foreach (var key in section.GetChildren().Select(c => c.Key).Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{Section}:{key} is not a deploy option. Use one of {string.Join(", ", Keys.Select(k => $"{Section}:{k}"))}.");
        }

        var state = FilePath(section, nameof(State), problems);
        var knownHosts = FilePath(section, nameof(KnownHosts), problems) ?? DefaultKnownHosts;
        var accept = false;
        if (section[nameof(AcceptNewHostKeys)] is { } acceptText && !bool.TryParse(acceptText.Trim(), out accept))
        {
            problems.Add($"{Section}:{nameof(AcceptNewHostKeys)} is '{Printable(acceptText)}'; use true or false.");
        }

        var parallel = DeploymentOptions.DefaultParallelism;
        if (section[nameof(Parallel)] is { } parallelText && (!int.TryParse(parallelText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out parallel) || parallel is < 1 or > MaxParallel))
        {
            problems.Add($"{Section}:{nameof(Parallel)} is '{Printable(parallelText)}'; use a whole number from 1 to {MaxParallel} (hosts worked on at once, default {DeploymentOptions.DefaultParallelism}).");
        }

        var skip = ListValue(section.GetSection(nameof(Skip)));
        try
        {
            PhaseSelection.Parse([], skip, Pipeline.Phases);
        }
        catch (ArgumentException e)
        {
            problems.Add($"{Section}:{nameof(Skip)}: {e.Message}");
        }

        EtcdSource? etcd = null;
        if (section[nameof(EtcdSource)] is { } etcdText)
        {
            etcd = EtcdSourceNames.Parse(etcdText);
            if (etcd is null)
            {
                problems.Add($"{Section}:{nameof(EtcdSource)} is '{Printable(etcdText)}'; use {EtcdSourceNames.Accepted}.");
            }
        }

        var confirm = ListValue(section.GetSection(nameof(Confirm)));
        foreach (var value in confirm.Where(c => !Confirmable.Contains(c, StringComparer.Ordinal)))
        {
            problems.Add($"{Section}:{nameof(Confirm)} names '{Printable(value)}'; it confirms only {string.Join(", ", Confirmable)} (comma-separated).");
        }

        Etcd.SnapshotName? snapshot = null;
        if (section[nameof(Snapshot)] is { } snapshotText && snapshotText.Trim() != Etcd.SnapshotName.Latest)
        {
            snapshot = Etcd.SnapshotName.TryParse(snapshotText);
            if (snapshot is null)
            {
                problems.Add($"{Section}:{nameof(Snapshot)} is '{Printable(snapshotText)}'; give a snapshot name, {Etcd.SnapshotName.Rule}.");
            }
        }

        var member = section[nameof(Member)]?.Trim();
        if (member is not null && !IsMachineName(member))
        {
            problems.Add($"{Section}:{nameof(Member)} is '{Printable(member)}'; give the name of a control plane from the inventory (e.g. cp-2).");
        }

        var hosts = ListValue(section.GetSection(nameof(Hosts)));
        foreach (var value in hosts.Where(h => !IsMachineName(h)))
        {
            problems.Add($"{Section}:{nameof(Hosts)} names '{Printable(value)}'; give machine names from the inventory, comma-separated (e.g. worker-2,worker-3).");
        }

        return problems.Count > 0
            ? throw new DeployInputException(problems)
            : new DeploySettings(state, knownHosts, accept, parallel, skip, etcd) { Confirm = confirm, Snapshot = snapshot, Member = member, Hosts = hosts };
    }

    /// <summary>The phase selection these settings make.</summary>
    public PhaseSelection Selection => PhaseSelection.Parse([], Skip, Pipeline.Phases);

    // A comma-separated string or a configuration list (Deploy:Skip:0=...).
    private static List<string> ListValue(IConfigurationSection section)
        => [.. (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? ""))
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static bool IsMachineName(string value) => System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z0-9][a-z0-9-]{0,62}$");

    private static string? FilePath(IConfigurationSection section, string key, List<string> problems)
    {
        var value = section[key];
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl))
        {
            problems.Add($"{Section}:{key} is '{Printable(value)}'; give a file system path without control characters.");
            return null;
        }

        try
        {
            return Path.GetFullPath(value.Trim());
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problems.Add($"{Section}:{key} is not a usable path ({e.Message}).");
            return null;
        }
    }

    // Values are echoed in messages: keep them on one line and short.
    private static string Printable(string value)
    {
        var clean = new string([.. value.Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length > 80 ? clean[..80] + "…" : clean;
    }
}
