using System.Net.Sockets;
using System.Text;

namespace Platform.Lab.Machines;

/// <summary>What sshd says first on a connection: its banner proves the daemon, not only the port, is up.</summary>
public static class SshBanner
{
    /// <summary>The banner (e.g. <c>SSH-2.0-OpenSSH_9.2p1</c>), or null when nothing answers within <paramref name="timeout"/>.</summary>
    public static async Task<string?> ReadAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, cts.Token).ConfigureAwait(false);
            var banner = Encoding.ASCII.GetString(buffer, 0, read).Trim();
            return banner.StartsWith("SSH-2.0", StringComparison.Ordinal) ? banner : null;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
