using Platform.Deployer.Etcd;
using Platform.Hosting.Publishing.Renderers.Host;
using Platform.Lab.Substrates;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Etcd;

/// <summary>etcd-backup and the scheduled snapshot on real machines: encrypted copies land on the backup target, pinned host key.</summary>
[Collection(EtcdLabCollection.Name)]
public sealed class EtcdBackupTests(EtcdLab lab) : IClassFixture<EtcdLab>
{
    [RequiresMachinesFact("ssh-keygen")]
    public async Task Backup_VerifiesAndCopiesAnAgeEncryptedSnapshot_TheTimersServiceToo()
    {
        await lab.WaitHealthyAsync();
        await lab.EtcdctlAsync("cp-1", "put /backup-test/key value");

        var report = await EtcdBackup.RunAsync(lab.Scope(), CancellationToken.None);
        await lab.ShAsync("cp-2", $"systemctl start {Path.GetFileName(EtcdSnapshotRenderer.ServicePath)}");

        Assert.Equal("cp-1", report.Member);
        Assert.True(report.Revision > 1 && report.Keys >= 1 && report.Size > 0, report.Summary);
        Assert.Equal($"{EtcdLab.CopyTo}/cp-1/{report.Name}.db.age", report.CopiedTo);
        var copy = $"/srv/etcd-snapshots/cp-1/{report.Name}";
        Assert.Equal("age-encryption.org/v1", (await lab.ShAsync(BackupTargetMachine.Name, $"head -c 21 {copy}.db.age")).Trim());
        Assert.Contains($"\"revision\":{report.Revision}", await lab.ShAsync(BackupTargetMachine.Name, $"cat {copy}.json"), StringComparison.Ordinal);
        Assert.Matches(@"^etcd-cp-2-\d{8}T\d{15}Z\.db\.age$", (await lab.ShAsync(BackupTargetMachine.Name, "ls /srv/etcd-snapshots/cp-2 | grep age$")).Trim());
        Assert.Equal("0", (await lab.ShAsync("cp-1", "grep -c . /root/.ssh/known_hosts 2>/dev/null || echo 0")).Trim()); // only the pinned file was read
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Backup_WithAMemberStopped_IsTakenFromAnotherMember()
    {
        await lab.WaitHealthyAsync();
        await lab.ShAsync("cp-1", "systemctl stop etcd");
        try
        {
            var report = await EtcdBackup.RunAsync(lab.Scope(), CancellationToken.None);

            Assert.Equal("cp-2", report.Member);
            Assert.Contains(report.Skipped, s => s.StartsWith("cp-1: its etcd member is not healthy", StringComparison.Ordinal));
            Assert.NotNull(report.CopiedTo);
        }
        finally
        {
            await lab.ShAsync("cp-1", "systemctl start etcd");
        }
    }
}
