using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Backup;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Etcd;

/// <summary>
/// Restore, step 1: every control plane fetches the encrypted copy from the backup target, decrypts it and checks it
/// (age's authentication, the manifest's SHA-256, etcdutl snapshot status and a trial restore). A bad file fails here,
/// so no member is touched.
/// </summary>
public sealed class EtcdRestoreFetchPhase(EtcdRestorePlan plan) : Phase
{
    private const string IdentityPath = "/run/etcd-restore-identity";

    /// <inheritdoc />
    public override string Name => "etcd-restore-fetch";

    /// <inheritdoc />
    public override string Title => "Fetch, decrypt and check the snapshot";

    /// <inheritdoc />
    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => context.Hosts.ControlPlanes;

    /// <inheritdoc />
    public override string Fingerprint(HostStep step) => plan.Fingerprint(Name);

    /// <summary>Chooses the snapshot (the newest when none is named) and reads its manifest, from the first control plane.</summary>
    public override async Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        var host = context.Hosts.FirstControlPlane;
        var target = plan.Target;
        if (plan.Snapshot is null)
        {
            var list = await host.Ssh.RunAsync(target.Remote($"find {Shell.Quote(target.Directory)} -mindepth 2 -maxdepth 2 -name 'etcd-*.db.age' -printf '%f\\n'"), TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            if (!list.Succeeded)
            {
                throw new EtcdOperationException($"{host.Name}: cannot list the snapshots on {target.Destination}: {EtcdHosts.FirstLine(list)}");
            }

            var found = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SnapshotName.TryParse).OfType<SnapshotName>().ToList();
            if (plan.Requested is { } requested)
            {
                plan.Snapshot = found.Contains(requested) ? requested
                    : throw new EtcdOperationException($"Deploy:Snapshot: {requested} is not on {target.Destination} ({found.Count} snapshots there{(found.Count > 0 ? $", newest {found.MaxBy(s => s.Timestamp, StringComparer.Ordinal)}" : "")}). Name one that is, or leave Deploy:Snapshot out for the newest.");
            }
            else
            {
                plan.Snapshot = found.MaxBy(s => s.Timestamp, StringComparer.Ordinal)
                    ?? throw new EtcdOperationException($"There is no snapshot on {target.Destination} to restore. Take one with aspire do etcd-backup.");
            }
        }

        var manifestPath = $"{target.Directory}/{plan.Name.Member}/{plan.Name.ManifestFile}";
        var manifest = await host.Ssh.RunAsync(target.Remote($"cat {Shell.Quote(manifestPath)}"), TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        if (!manifest.Succeeded)
        {
            throw new EtcdOperationException($"{target.Host}:{manifestPath}: cannot read the snapshot's manifest: {EtcdHosts.FirstLine(manifest)}");
        }

        plan.Manifest = SnapshotManifest.Parse(manifest.Output, plan.Name, $"{target.Host}:{manifestPath}");
        context.Observer.Warning(host.Name, this, $"restoring {plan.Name} (revision {plan.Manifest.Revision}, {plan.Manifest.Keys} keys) with cluster token {plan.Token}");
        if (!context.DryRun)
        {
            plan.Save(context.State);
        }
    }

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var name = plan.Name;
        var manifest = plan.Manifest!;
        var remote = $"{plan.Target.Destination}/{name.Member}/{name.EncryptedFile}";
        var work = EtcdSnapshotResource.RestoreDirectory;
        var identity = File.Exists(BackupKeys.AgeIdentityPath(step.Context.State))
            ? BackupKeys.LoadOrCreate(step.Context.State).Age.IdentityFile
            : throw new EtcdOperationException($"There is no age identity in {BackupKeys.AgeIdentityPath(step.Context.State)}, so no snapshot can be decrypted. Put back the state folder's backup/ from your copy of it.");
        await step.ChangeAsync($"fetch {remote}, decrypt it and check it (age, sha256 {manifest.Sha256[..12]}…, etcdutl snapshot status, a trial restore)", async ct =>
        {
            await step.Host.Ssh.WriteFilesAsync([new RemoteFile(IdentityPath, System.Text.Encoding.UTF8.GetBytes(identity), "0600")], ct).ConfigureAwait(false);
            var file = $"{work}/{name.Value}.db";
            var script = $$"""
                set -eu; umask 077; trap 'rm -f {{IdentityPath}} "$w/age.err" "$w/check.err"; rm -rf "$w/verify"' EXIT
                w={{work}}; mkdir -p "$w"; chmod 700 "$w"; rm -f {{file}} {{file}}.age {{file}}.part
                rsync -a -e {{Shell.Quote(SnapshotTarget.SshCommand)}} {{Shell.Quote(remote)}} "$w/" 2>"$w/check.err" || { echo "{{remote}}: cannot fetch it: $(tail -n 1 "$w/check.err")" >&2; exit 1; }
                age -d -i {{IdentityPath}} -o {{file}}.part {{file}}.age 2>"$w/age.err" || { echo "{{remote}}: age decryption failed ($(head -n 1 "$w/age.err")): the file is corrupt or truncated, or was encrypted to another deployment's key" >&2; exit 1; }
                sum=$(sha256sum {{file}}.part | cut -d ' ' -f 1)
                [ "$sum" = {{manifest.Sha256}} ] || { echo "{{remote}}: sha256 check failed: the decrypted snapshot is $sum, its manifest says {{manifest.Sha256}}" >&2; exit 1; }
                tool=etcdctl; if command -v etcdutl >/dev/null; then tool=etcdutl; fi
                $tool snapshot status {{file}}.part >/dev/null 2>"$w/check.err" || { echo "{{remote}}: $tool snapshot status failed: $(tail -n 1 "$w/check.err")" >&2; exit 1; }
                $tool snapshot restore {{file}}.part --data-dir "$w/verify" >/dev/null 2>"$w/check.err" || { echo "{{remote}}: the trial $tool snapshot restore failed: $(tail -n 1 "$w/check.err")" >&2; exit 1; }
                mv {{file}}.part {{file}}; rm -f {{file}}.age
                """;
            await step.RunAsync(script, ct, TimeSpan.FromMinutes(30)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
