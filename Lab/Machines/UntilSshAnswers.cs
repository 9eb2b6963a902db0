using System.Net.Sockets;
using System.Text;

namespace Platform.Lab.Machines;

/// <summary>sshd answers with its banner on the published port.</summary>
public sealed class UntilSshAnswers : IMachineWait
{
    /// <inheritdoc />
    public string Description => "sshd to answer on the published port";

    /// <inheritdoc />
    public async Task<bool> UntilAsync(MachineLab lab, LabMachine machine, CancellationToken cancellationToken)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(machine.SshHost, machine.SshPort, cts.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, cts.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("SSH-2.0", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
