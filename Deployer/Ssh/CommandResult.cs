namespace Platform.Deployer.Ssh;

/// <summary>What a remote command returned.</summary>
/// <param name="Host">The host it ran on.</param>
/// <param name="Command">The command.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CommandResult(string Host, string Command, int ExitCode, string Output, string Error)
{
    /// <summary>True when the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws <see cref="RemoteCommandException"/> naming host, command and error.</summary>
    public CommandResult EnsureSuccess()
        => Succeeded ? this : throw new RemoteCommandException(Host, Command, ExitCode, Error.Length > 0 ? Error : Output, RetryHint.For(Error + Output));
}
