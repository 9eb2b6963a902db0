using Platform.Deployer.Ssh;
using Platform.Testing;

namespace Platform.Deployer.Tests.Ssh;

public class SshConnectionTests : IAsyncLifetime
{
    private readonly TempFolder _dir = new();
    private LocalSshServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalSshServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task Connect_UnknownHostKeyWithoutPinning_IsRefusedWithTheFix()
    {
        var knownHosts = new KnownHostsFile(_dir.Combine("known_hosts"));

        var e = await Assert.ThrowsAsync<HostKeyException>(() => ConnectAsync(knownHosts, accept: false));

        Assert.Contains("cp-1", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not in", e.Message, StringComparison.Ordinal);
        Assert.Contains("--accept-new-host-keys", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(knownHosts.Path));
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task Connect_PinnedOnFirstUse_ThenTrustedWithoutTheFlag()
    {
        var knownHosts = new KnownHostsFile(_dir.Combine("known_hosts"));

        await using (await ConnectAsync(knownHosts, accept: true))
        {
        }

        await using var again = await ConnectAsync(knownHosts, accept: false);
        var result = await again.RunAsync("echo hello; echo oops >&2; exit 3");

        Assert.StartsWith($"[127.0.0.1]:{_server.Port} ssh-ed25519 ", File.ReadAllText(knownHosts.Path), StringComparison.Ordinal);
        Assert.Equal((3, "hello\n", "oops\n"), (result.ExitCode, result.Output, result.Error));
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task Connect_HostKeyChanged_IsRefusedEvenWithThePinningFlag()
    {
        var knownHosts = new KnownHostsFile(_dir.Combine("known_hosts"));
        await (await ConnectAsync(knownHosts, accept: true)).DisposeAsync();
        await _server.RestartWithNewHostKeyAsync();

        var e = await Assert.ThrowsAsync<HostKeyException>(() => ConnectAsync(knownHosts, accept: true));

        Assert.Contains("HOST KEY CHANGED", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains($"ssh-keygen -R '[127.0.0.1]:{_server.Port}'", e.Message, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(knownHosts.Path));
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task WriteFiles_CreatesFoldersWithContentAndModeOfEachFile()
    {
        await using var connection = await ConnectAsync(new KnownHostsFile(_dir.Combine("known_hosts")), accept: true);
        var text = _dir.Combine("remote", "nested", "file.conf");
        var binary = _dir.Combine("remote", "other", "blob.bin");
        byte[] bytes = [0, 1, 2, 0xFF, (byte)'\n', (byte)'\''];

        await connection.WriteFilesAsync([new RemoteFile(text, "a=1\nb='2'\nPLATFORM_FILE_END\n"u8.ToArray(), "0640"), new RemoteFile(binary, bytes, "0600")]);

        Assert.Equal("a=1\nb='2'\nPLATFORM_FILE_END\n", File.ReadAllText(text));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(text));
        Assert.Equal(bytes, File.ReadAllBytes(binary));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(binary));
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task WriteFiles_OneCannotBeWritten_StopsThereNamingIt()
    {
        await using var connection = await ConnectAsync(new KnownHostsFile(_dir.Combine("known_hosts")), accept: true);
        var blocker = _dir.Combine("remote", "a-file");
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        File.WriteAllText(blocker, "");
        var first = _dir.Combine("remote", "first.conf");
        var last = _dir.Combine("remote", "last.conf");

        var e = await Assert.ThrowsAsync<RemoteCommandException>(() => connection.WriteFilesAsync(
            [new RemoteFile(first, "1"u8.ToArray(), "0644"), new RemoteFile(Path.Combine(blocker, "x.conf"), "2"u8.ToArray(), "0644"), new RemoteFile(last, "3"u8.ToArray(), "0644")]));

        Assert.Contains(blocker, e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(first));
        Assert.False(File.Exists(last));
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task Run_CommandExceedingItsTimeout_FailsNamingHostCommandAndRetry()
    {
        await using var connection = await ConnectAsync(new KnownHostsFile(_dir.Combine("known_hosts")), accept: true);

        var e = await Assert.ThrowsAsync<RemoteCommandException>(() => connection.RunAsync("sleep 10", TimeSpan.FromMilliseconds(500)));

        Assert.Contains("cp-1: `sleep 10`", e.Message, StringComparison.Ordinal);
        Assert.True(e.Retryable);
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task Connect_NothingListening_IsARetryableConnectionError()
    {
        _server.Stop();

        var e = await Assert.ThrowsAsync<SshConnectionException>(() => ConnectAsync(new KnownHostsFile(_dir.Combine("known_hosts")), accept: true));

        Assert.True(e.Retryable);
        Assert.Contains($"cp-1 (root@127.0.0.1:{_server.Port}): cannot connect", e.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task Connect_KeyNotAuthorised_SaysWhichKeyAndWhere()
    {
        var otherKey = _dir.Combine("other");
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);
        var endpoint = new SshEndpoint("127.0.0.1", _server.Port, "root", otherKey);

        var e = await Assert.ThrowsAsync<SshConnectionException>(() => SshConnection.ConnectAsync("cp-1", endpoint, new KnownHostsFile(_dir.Combine("known_hosts")), true, TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.False(e.Retryable);
        Assert.Contains("refused key", e.Message, StringComparison.Ordinal);
        Assert.Contains("authorized_keys", e.Message, StringComparison.Ordinal);
    }

    private Task<SshConnection> ConnectAsync(KnownHostsFile knownHosts, bool accept)
        => SshConnection.ConnectAsync("cp-1", new SshEndpoint("127.0.0.1", _server.Port, "root", _server.ClientKeyFile), knownHosts, accept, TimeSpan.FromSeconds(10), CancellationToken.None);
}
