using System.Text.RegularExpressions;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Backup;

/// <summary>
/// The off-node copy target of the model's snapshots (<c>user@host:/path</c>), with the SSH options every copy and
/// fetch uses: the deployment's key, and only the pinned host key (a changed or unknown key is refused).
/// </summary>
public sealed partial record SnapshotTarget(string User, string Host, string Directory)
{
    /// <summary>The rsync destination (<c>user@host:/path</c>).</summary>
    public string Destination => $"{User}@{Host}:{Directory}";

    /// <summary>The ssh command rsync runs, reading only the pinned known_hosts.</summary>
    public static string SshCommand => $"ssh -i {Aspire.Hosting.ApplicationModel.EtcdSnapshotResource.SshKeyPath} -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes " +
        $"-o UserKnownHostsFile={Aspire.Hosting.ApplicationModel.EtcdSnapshotResource.KnownHostsPath} -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=10";

    /// <summary>The known_hosts line that pins <paramref name="hostKey"/> for this target.</summary>
    public string KnownHostsLine(string hostKey) => $"{Host} {hostKey.Trim()}\n";

    /// <summary>A command run on the target through <see cref="SshCommand"/> (the words are quoted for the remote shell).</summary>
    public string Remote(string command) => $"{SshCommand} {Shell.Quote($"{User}@{Host}")} {Shell.Quote(command)}";

    /// <summary>Parses the model's copyTo, or null when there is none.</summary>
    /// <exception cref="FormatException">It is not <c>user@host:/path</c> with safe characters.</exception>
    public static SnapshotTarget? Parse(string? copyTo)
    {
        if (string.IsNullOrEmpty(copyTo))
        {
            return null;
        }

        // The model validator checks this too; the Deployer puts it in shell commands, so it checks again.
        var match = Pattern().Match(copyTo);
        return match.Success
            ? new SnapshotTarget(match.Groups["user"].Value, match.Groups["host"].Value, match.Groups["path"].Value.TrimEnd('/'))
            : throw new FormatException($"copyTo '{copyTo}' is not user@host:/absolute/path (letters, digits, '.', '_', '-' and '/').");
    }

    [GeneratedRegex("^(?<user>[a-z_][a-z0-9_-]{0,31})@(?<host>[A-Za-z0-9][A-Za-z0-9.-]{0,252}):(?<path>/[A-Za-z0-9._/-]{0,4095})$")]
    private static partial Regex Pattern();
}
