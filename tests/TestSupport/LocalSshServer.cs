using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 for transport tests: its own host key, an authorized client key,
/// root login by key only. <see cref="RestartWithNewHostKeyAsync"/> simulates a rebuilt (or impersonated) host.
/// </summary>
public sealed class LocalSshServer : IAsyncDisposable
{
    private readonly TempFolder _dir = new("platform-sshd");
    private Process? _process;

    private LocalSshServer(int port) => Port = port;

    /// <summary>The port sshd listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>The client's private key file, authorised for root.</summary>
    public string ClientKeyFile => _dir.Combine("id_ed25519");

    /// <summary>Starts sshd with a fresh host key.</summary>
    public static async Task<LocalSshServer> StartAsync()
    {
        var server = new LocalSshServer(FreePort());
        await server.KeygenAsync("id_ed25519");
        File.Copy(server._dir.Combine("id_ed25519.pub"), server._dir.Combine("authorized_keys"));
        await server.RestartWithNewHostKeyAsync();
        return server;
    }

    /// <summary>Stops sshd, makes a new host key, and starts it again on the same port.</summary>
    public async Task RestartWithNewHostKeyAsync()
    {
        Stop();
        File.Delete(_dir.Combine("host_ed25519"));
        File.Delete(_dir.Combine("host_ed25519.pub"));
        await KeygenAsync("host_ed25519");
        var config = _dir.Combine("sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {_dir.Combine("host_ed25519")}
            PidFile {_dir.Combine("sshd.pid")}
            AuthorizedKeysFile {_dir.Combine("authorized_keys")}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            """);
        Directory.CreateDirectory("/run/sshd");
        var start = new ProcessStartInfo(RequiredTools.Require("sshd"), ["-D", "-e", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start.");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sshd exited with {_process.ExitCode}; run `sshd -t -f {config}` to see why.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"sshd did not listen on 127.0.0.1:{Port} within 5 s.");
    }

    /// <summary>Stops sshd (the port then refuses connections).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task KeygenAsync(string name)
    {
        var result = await ProcessRunner.RunAsync(RequiredTools.Require("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", _dir.Combine(name)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed: {result.Output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
