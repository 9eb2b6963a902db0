using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using SshNetConnectionException = Renci.SshNet.Common.SshConnectionException;

namespace Platform.Deployer.Ssh;

/// <summary>
/// An SSH.NET connection to one host with host-key verification against known_hosts, sudo for non-root
/// users, per-command timeouts, and errors that name the host and command and say whether a retry can help.
/// </summary>
public sealed class SshConnection : ISshConnection
{
    private readonly SshClient _client;
    private readonly SshEndpoint _endpoint;
    private readonly bool _sudo;

    private SshConnection(string hostName, SshEndpoint endpoint, SshClient client)
    {
        HostName = hostName;
        _endpoint = endpoint;
        _client = client;
        _sudo = endpoint.User != "root";
    }

    /// <inheritdoc />
    public string HostName { get; }

    /// <summary>The default time a command may take.</summary>
    public static TimeSpan DefaultCommandTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Connects, verifying the host key; pins an unknown key only when <paramref name="acceptNewHostKeys"/> is set.</summary>
    /// <exception cref="HostKeyException">The key is unknown (without pinning), changed or revoked.</exception>
    /// <exception cref="SshConnectionException">The host cannot be reached or refuses the key.</exception>
    public static async Task<SshConnection> ConnectAsync(string hostName, SshEndpoint endpoint, KnownHostsFile knownHosts, bool acceptNewHostKeys, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(endpoint.KeyFile))
        {
            throw new SshConnectionException(hostName, endpoint.ToString(), $"the key file '{endpoint.KeyFile}' does not exist. Fix keyFile in the inventory.", retryable: false);
        }

        PrivateKeyFile key;
        try
        {
            key = new PrivateKeyFile(endpoint.KeyFile);
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or IOException)
        {
            throw new SshConnectionException(hostName, endpoint.ToString(), $"cannot read the key file '{endpoint.KeyFile}': {e.Message}. Use an unencrypted OpenSSH private key.", retryable: false, e);
        }

        var info = new ConnectionInfo(endpoint.Host, endpoint.Port, endpoint.User, new PrivateKeyAuthenticationMethod(endpoint.User, key))
        {
            Timeout = connectTimeout,
        };

        PreferFastKeyExchange(info);

        // Ask the server for the key type we pinned, so a host with several keys is checked against the right one.
        var pinnedTypes = knownHosts.KeyTypesFor(endpoint.KnownHostsName);
        if (pinnedTypes.Count > 0)
        {
            foreach (var algorithm in info.HostKeyAlgorithms.Keys.Where(a => !pinnedTypes.Contains(a)).ToList())
            {
                info.HostKeyAlgorithms.Remove(algorithm);
            }
        }

        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(15) };
        HostKeyException? refusal = null;
        client.HostKeyReceived += (_, e) =>
        {
            var verdict = knownHosts.Verify(endpoint.KnownHostsName, e.HostKeyName, e.HostKey);
            var offered = $"{e.HostKeyName} SHA256:{e.FingerPrintSHA256}";
            switch (verdict.Status)
            {
                case HostKeyStatus.Known:
                    e.CanTrust = true;
                    break;
                case HostKeyStatus.Unknown when acceptNewHostKeys:
                    knownHosts.Pin(endpoint.KnownHostsName, e.HostKeyName, e.HostKey);
                    e.CanTrust = true;
                    break;
                case HostKeyStatus.Unknown:
                    e.CanTrust = false;
                    refusal = new HostKeyException(hostName,
                        $"{hostName} ({endpoint}): host key {offered} is not in {knownHosts.Path}. Verify it out of band, then pin it by running again with --accept-new-host-keys.");
                    break;
                case HostKeyStatus.Changed:
                    e.CanTrust = false;
                    refusal = new HostKeyException(hostName,
                        $"{hostName} ({endpoint}): HOST KEY CHANGED. {knownHosts.Path} line {verdict.Line} pins {verdict.PinnedFingerprint}, the server offered {offered}. " +
                        $"Someone may be intercepting the connection, or the machine was rebuilt. Connection refused. If the machine was rebuilt, remove the old key with: ssh-keygen -R '{endpoint.KnownHostsName}' -f {knownHosts.Path}");
                    break;
                default:
                    e.CanTrust = false;
                    refusal = new HostKeyException(hostName, $"{hostName} ({endpoint}): host key {offered} is marked @revoked in {knownHosts.Path} line {verdict.Line}. Connection refused.");
                    break;
            }
        };

        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (refusal is not null)
        {
            client.Dispose();
            throw new HostKeyException(hostName, refusal.Message + $" ({e.GetType().Name})");
        }
        catch (SshAuthenticationException e)
        {
            client.Dispose();
            throw new SshConnectionException(hostName, endpoint.ToString(), $"the server refused key '{endpoint.KeyFile}' for user '{endpoint.User}': {e.Message}. Add the public key to ~{endpoint.User}/.ssh/authorized_keys on the host.", retryable: false, e);
        }
        catch (Exception e) when (e is SocketException or SshNetConnectionException or SshOperationTimeoutException or TimeoutException or OperationCanceledException or ProxyException)
        {
            client.Dispose();
            throw new SshConnectionException(hostName, endpoint.ToString(), $"cannot connect: {e.Message}", retryable: true, e);
        }

        return new SshConnection(hostName, endpoint, client);
    }

    /// <summary>
    /// curve25519 first: the post-quantum hybrids SSH.NET prefers cost about 100 ms of CPU per connection in
    /// managed code, which dominates a plan over dozens of hosts. They stay available after it.
    /// </summary>
    private static void PreferFastKeyExchange(ConnectionInfo info)
    {
        var preferred = new[] { "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256" };
        var ordered = preferred.Where(info.KeyExchangeAlgorithms.ContainsKey).Select(k => (k, info.KeyExchangeAlgorithms[k]))
            .Concat(info.KeyExchangeAlgorithms.Where(p => !preferred.Contains(p.Key)).Select(p => (p.Key, p.Value))).ToList();
        info.KeyExchangeAlgorithms.Clear();
        foreach (var (name, factory) in ordered)
        {
            info.KeyExchangeAlgorithms.Add(name, factory);
        }
    }

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => await ExecuteAsync(command, input: null, timeout, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<CommandResult> RunWithInputAsync(string command, byte[] input, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => await ExecuteAsync(command, input, timeout, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task WriteFilesAsync(IReadOnlyList<RemoteFile> files, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            return;
        }

        // One script on stdin (no size limit, unlike a command line): each file goes to a temporary name, then is
        // renamed over the old one. Base64 never contains the heredoc's end marker; set -e stops at the first failure.
        var script = new StringBuilder("set -e\numask 077\n");
        foreach (var file in files)
        {
            var temp = Shell.Quote(file.Path + ".platform-new");
            script.Append("mkdir -p ").AppendLine(Shell.Quote(Path.GetDirectoryName(file.Path) ?? "/"))
                .Append("base64 -d > ").Append(temp).AppendLine(" <<'PLATFORM_FILE_END'")
                .AppendLine(Convert.ToBase64String(file.Content, Base64FormattingOptions.InsertLineBreaks).ReplaceLineEndings("\n"))
                .AppendLine("PLATFORM_FILE_END")
                .Append("chmod ").Append(file.Mode).Append(' ').AppendLine(temp)
                .Append("mv -f ").Append(temp).Append(' ').AppendLine(Shell.Quote(file.Path));
        }

        var command = $"sh -s # write {string.Join(' ', files.Select(f => f.Path))}";
        (await ExecuteAsync(command, Encoding.UTF8.GetBytes(script.ToString()), null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    private async Task<CommandResult> ExecuteAsync(string command, byte[]? input, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? DefaultCommandTimeout;
        var wire = _sudo ? $"sudo -n -H -- sh -c {Shell.Quote(command)}" : command;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        try
        {
            using var ssh = _client.CreateCommand(wire);
            var run = ssh.ExecuteAsync(cts.Token);
            if (input is not null)
            {
                await using var stdin = ssh.CreateInputStream();
                await stdin.WriteAsync(input, cts.Token).ConfigureAwait(false);
            }

            await run.ConfigureAwait(false);
            var error = ssh.Error ?? "";
            if (_sudo && error.Contains("a password is required", StringComparison.Ordinal))
            {
                throw new RemoteCommandException(HostName, command, ssh.ExitStatus ?? -1,
                    $"user '{_endpoint.User}' needs passwordless sudo. Add '{_endpoint.User} ALL=(ALL) NOPASSWD:ALL' to /etc/sudoers.d/platform on the host.", retryable: false);
            }

            return new CommandResult(HostName, command, ssh.ExitStatus ?? -1, ssh.Result ?? "", error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteCommandException(HostName, command, -1, $"did not finish within {limit}", retryable: true);
        }
        catch (Exception e) when (e is SshNetConnectionException or SocketException or ObjectDisposedException or (SshException and not SshAuthenticationException))
        {
            throw new SshConnectionException(HostName, _endpoint.ToString(), $"connection lost while running `{RemoteCommandException.Shorten(command)}`: {e.Message}", retryable: true, e);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            _client.Disconnect();
        }

        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
