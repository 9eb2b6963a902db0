namespace Platform.Deployer.Ssh;

/// <summary>One SSH connection to one host, reused for a whole run. Every error names the host and the command.</summary>
public interface ISshConnection : IAsyncDisposable
{
    /// <summary>The host's name (from the inventory), used in every message.</summary>
    string HostName { get; }

    /// <summary>Runs a command (as root: through sudo when the login user is not root) and returns its result, whatever the exit code.</summary>
    Task<CommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a command with <paramref name="input"/> on its standard input: the way secrets reach a host, never on a
    /// command line (visible in <c>ps</c> and sudo's log).
    /// </summary>
    Task<CommandResult> RunWithInputAsync(string command, byte[] input, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes each file atomically with its mode, creating parent folders, all in one round trip; stops at the first
    /// that fails (the error names it).
    /// </summary>
    Task WriteFilesAsync(IReadOnlyList<RemoteFile> files, CancellationToken cancellationToken = default);
}
