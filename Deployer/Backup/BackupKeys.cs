using Platform.Deployer.Pki;
using Platform.Deployer.State;

namespace Platform.Deployer.Backup;

/// <summary>
/// A deployment's snapshot keys, generated once into the state folder (0600): the age key snapshots are encrypted to
/// before they leave a control plane, and the SSH key the control planes copy them with.
/// </summary>
public sealed class BackupKeys
{
    /// <summary>The comment on the SSH public key, so the backup target's authorized_keys says whose it is.</summary>
    public const string SshKeyComment = "platform-etcd-snapshots";

    private static readonly Lock CreateLock = new();

    private BackupKeys(AgeKey age, OpenSshKey ssh)
    {
        Age = age;
        Ssh = ssh;
    }

    /// <summary>The age key (the identity never leaves the state folder but for a restore).</summary>
    public AgeKey Age { get; }

    /// <summary>The SSH key the control planes log in to the backup target with.</summary>
    public OpenSshKey Ssh { get; }

    /// <summary>The age identity file in <paramref name="state"/>.</summary>
    public static string AgeIdentityPath(StateFolder state) => Path.Combine(state.BackupDirectory, "age-identity.txt");

    /// <summary>The SSH private key file in <paramref name="state"/>; its public key is beside it (.pub).</summary>
    public static string SshKeyPath(StateFolder state) => Path.Combine(state.BackupDirectory, "ssh-key");

    /// <summary>Loads the keys, generating whichever is missing.</summary>
    public static BackupKeys LoadOrCreate(StateFolder state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (CreateLock)
        {
            var agePath = AgeIdentityPath(state);
            var sshPath = SshKeyPath(state);
            AgeKey age;
            if (File.Exists(agePath))
            {
                var line = File.ReadAllLines(agePath).FirstOrDefault(l => l.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal))
                    ?? throw new FormatException($"{agePath} holds no AGE-SECRET-KEY-1 line; restore it from your backup of the state folder.");
                age = AgeKey.Parse(line);
            }
            else
            {
                age = AgeKey.Generate();
                StateFiles.WriteSecret(agePath, age.IdentityFile);
            }

            OpenSshKey ssh;
            if (File.Exists(sshPath))
            {
                ssh = OpenSshKey.Load(File.ReadAllText(sshPath), SshKeyComment);
            }
            else
            {
                ssh = OpenSshKey.Generate(SshKeyComment);
                StateFiles.WriteSecret(sshPath, ssh.PrivateKeyPem);
                StateFiles.WriteSecret(sshPath + ".pub", ssh.PublicKey + "\n");
            }

            return new BackupKeys(age, ssh);
        }
    }
}
