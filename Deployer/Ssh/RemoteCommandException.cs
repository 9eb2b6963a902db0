using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.State;

namespace Platform.Deployer.Ssh;

/// <summary>A command failed on a host.</summary>
/// <remarks>Command and error are redacted here, where every failure starts: no secret value reaches a message, log or span.</remarks>
public sealed class RemoteCommandException(string host, string command, int exitCode, string error, bool retryable)
    : PlatformException($"{host}: `{Shorten(SecretRedactor.Redact(command))}` exited with {exitCode}: {Tail(SecretRedactor.Redact(error))} ({(retryable ? "a retry can help" : "a retry will not help until the cause is fixed")})")
{
    /// <summary>The host.</summary>
    public string Host { get; } = host;

    /// <summary>The command.</summary>
    public string Command { get; } = SecretRedactor.Redact(command);

    /// <summary>The exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>What the command printed on failure (standard error, or output when that was empty).</summary>
    public string Error { get; } = SecretRedactor.Redact(error);

    /// <summary>Whether running it again can help.</summary>
    public bool Retryable { get; } = retryable;

    internal static string Shorten(string command) => command.Length <= 160 ? command : command[..157] + "...";

    private static string Tail(string error)
    {
        var lines = error.Trim().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3)).Trim();
    }
}
