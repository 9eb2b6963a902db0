using Platform.Deployer.Pki;

namespace Platform.Deployer.State;

/// <summary>
/// The Deployer's state folder (0700): generated secrets and PKI (0600 files: the Kubernetes and etcd CA keys
/// among them) and the resume journal. Nothing in it is ever printed or logged, and a folder other users can
/// read is refused.
/// </summary>
public sealed class StateFolder
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Opens (creating if needed, mode 0700) a state folder.</summary>
    /// <exception cref="UnsafeStateFolderException">The folder exists and its group or others have any access.</exception>
    public StateFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (!OperatingSystem.IsWindows() && Directory.Exists(Path) && File.GetUnixFileMode(Path) is var mode && (mode & GroupOrOther) != 0)
        {
            throw new UnsafeStateFolderException(Path, Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0'));
        }

        StateFiles.CreatePrivateDirectory(Path);
        SecretRedactor.RegisterFolder(this);
    }

    /// <summary>The default location for a cluster: .platform/&lt;cluster&gt; under the current folder.</summary>
    public static string DefaultPath(string clusterName) => System.IO.Path.Combine(".platform", clusterName);

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Generated secrets.</summary>
    public string SecretsDirectory => System.IO.Path.Combine(Path, "secrets");

    /// <summary>The etcd PKI.</summary>
    public string EtcdPkiDirectory => System.IO.Path.Combine(Path, "pki", "etcd");

    /// <summary>The Kubernetes cluster CA.</summary>
    public string KubernetesPkiDirectory => System.IO.Path.Combine(Path, "pki", "kubernetes");

    /// <summary>The snapshot keys: the age identity that decrypts off-node copies and the SSH key that makes them.</summary>
    public string BackupDirectory => System.IO.Path.Combine(Path, "backup");

    /// <summary>The resume journal.</summary>
    public string JournalPath => System.IO.Path.Combine(Path, "journal.json");

    /// <summary>The resume journal of one run of a node operation (<c>reset</c>, <c>remove-node.hosts</c>...), apart from the deploy's.</summary>
    public string OperationJournalPath(string run) => System.IO.Path.Combine(Path, "journals", run + ".json");

    /// <summary>What the last finished applies converged on each host: <see cref="HostLedger"/>.</summary>
    public string LedgerPath => System.IO.Path.Combine(Path, "hosts.json");
}
