namespace Platform.Deployer.Ssh;

/// <summary>How to reach a host over SSH.</summary>
/// <param name="Host">The address or name SSH connects to.</param>
/// <param name="Port">The SSH port.</param>
/// <param name="User">The login user; non-root users run commands through sudo.</param>
/// <param name="KeyFile">The private key file.</param>
public sealed record SshEndpoint(string Host, int Port, string User, string KeyFile)
{
    /// <summary>The known_hosts name: <c>host</c> on port 22, <c>[host]:port</c> otherwise (as OpenSSH writes it).</summary>
    public string KnownHostsName => Port == 22 ? Host : $"[{Host}]:{Port}";

    /// <inheritdoc />
    public override string ToString() => $"{User}@{Host}:{Port}";
}
