namespace Platform.Deployer.Inventory;

/// <summary>The model's snapshot copy target (etcd.AddSnapshots(copyTo: …)) as this installation knows it.</summary>
public sealed class InventoryBackupTarget
{
    /// <summary>
    /// The target's SSH host key (<c>ssh-ed25519 AAAA…</c>, as <c>ssh-keyscan -t ed25519 HOST</c> prints it after the
    /// host name; check its fingerprint out of band). The control planes trust only this key when they copy.
    /// </summary>
    public string? HostKey { get; set; }
}
