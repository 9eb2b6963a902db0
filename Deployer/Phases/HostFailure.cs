namespace Platform.Deployer.Phases;

/// <summary>A host that failed in a phase.</summary>
/// <param name="Host">The host.</param>
/// <param name="Phase">The phase.</param>
/// <param name="Error">The error; its message names host and command.</param>
public sealed record HostFailure(string Host, string Phase, Exception Error)
{
    /// <summary>Whether running apply again can help without fixing anything (the host was down, the network failed).</summary>
    public bool Retryable => Error switch
    {
        Ssh.RemoteCommandException e => e.Retryable,
        Ssh.SshConnectionException e => e.Retryable,
        _ => false,
    };
}
