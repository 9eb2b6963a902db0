using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Backup;
using Platform.Deployer.Ssh;
using Platform.Lab.Machines;

namespace Platform.Lab.Substrates;

/// <summary>
/// The lab's stand-in for the model's snapshot copy target (<c>copyTo: backup@10.20.3.50:/srv/etcd-snapshots</c>): a
/// lab-only machine at that address, with the user, folder and the deployment's snapshot key authorised, so the
/// control planes' off-node copies run for real. Its host key goes into the lab's inventory, which pins it.
/// </summary>
public static class BackupTargetMachine
{
    /// <summary>Its resource and machine name.</summary>
    public const string Name = "backup-target";

    /// <summary>The machine the model's copy target needs in this lab, or null when the model copies nowhere or to an address outside its subnets.</summary>
    public static (Machine Machine, SnapshotTarget Target)? For(PlatformModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Find<EtcdSnapshotResource>()?.Schedule.CopyTo is not { } copyTo || SnapshotTarget.Parse(copyTo) is not { } target
            || !System.Net.IPAddress.TryParse(target.Host, out var address)
            || model.OfType<SubnetResource>().FirstOrDefault(s => s.Cidr.Contains(address)) is not { } subnet)
        {
            return null;
        }

        return (new Machine(Name, NodeRole.LoadBalancer, Name, subnet.Name, address, 1), target);
    }

    /// <summary>Starts (or adopts) the machine and prepares it; returns its SSH host key for the inventory.</summary>
    public static async Task<string> StartAsync(MachineLab lab, Machine machine, SnapshotTarget target, BackupKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(keys);
        await lab.StartExtraMachineAsync(machine, cancellationToken).ConfigureAwait(false);
        var user = Shell.Quote(target.User);
        // Debian has a system user "backup" with no login shell: give it one, rsync needs it.
        var setup = $"if id -u {user} >/dev/null 2>&1; then usermod --shell /bin/sh {user}; else useradd --create-home --shell /bin/sh {user}; fi; " +
                    $"home=$(getent passwd {user} | cut -d: -f6); install -d -m 700 -o {user} -g {user} \"$home/.ssh\"; " +
                    $"printf '%s\\n' {Shell.Quote(keys.Ssh.PublicKey)} > \"$home/.ssh/authorized_keys\"; chown {user}:{user} \"$home/.ssh/authorized_keys\"; chmod 600 \"$home/.ssh/authorized_keys\"; " +
                    $"install -d -m 750 -o {user} -g {user} {Shell.Quote(target.Directory)}; cut -d ' ' -f 1,2 /etc/ssh/ssh_host_ed25519_key.pub";
        var result = await lab.ExecAsync(machine.Name, ["sh", "-c", setup], cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && SshHostKey.Normalize(result.Output.Trim(), out _) is { } hostKey
            ? hostKey
            : throw new PlatformException($"Lab {lab.Name}: preparing the snapshot target {machine.Name} ({target.Destination}) failed (exit {result.ExitCode}): {(result.Error + result.Output).Trim()}");
    }
}
