using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Substrates;

/// <summary>The lab's SSH key pair (ed25519), made once with ssh-keygen and kept in the lab's state folder.</summary>
public static class LabSshKey
{
    /// <summary>Returns the private key path, creating the pair when it does not exist.</summary>
    /// <exception cref="PlatformException">ssh-keygen is missing or failed.</exception>
    public static async Task<string> EnsureAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        var key = Path.Combine(stateDirectory, "id_ed25519");
        if (File.Exists(key) && File.Exists(key + ".pub"))
        {
            return key;
        }

        // The lab's state folder is the Deployer's too (CA keys, secrets): private from the start.
        Platform.Deployer.Pki.StateFiles.CreatePrivateDirectory(stateDirectory);
        File.Delete(key);
        File.Delete(key + ".pub");
        var start = new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "platform-lab", "-f", key])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new PlatformException($"ssh-keygen could not create the lab key {key}: {error.Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new PlatformException("The machines lab needs ssh-keygen to make its SSH key. Install it: apt-get install openssh-client.");
        }

        return key;
    }
}
