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

    /// <summary>What to do after <paramref name="failures"/>: whether running <paramref name="again"/> can help as it is.</summary>
    public static string Advice(IEnumerable<HostFailure> failures, string again)
        => failures.All(f => f.Retryable)
            ? $"Run {again} again once the hosts are reachable: finished steps are skipped."
            : $"Fix the cause above, then run {again} again: finished steps are skipped.";
}
