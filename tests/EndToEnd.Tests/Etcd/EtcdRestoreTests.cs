using Platform.Deployer.Etcd;
using Platform.Lab.Substrates;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Etcd;

/// <summary>etcd-restore on real machines: the DR drill, a corrupt snapshot refused before any member is touched, an interrupted restore resumed.</summary>
[Collection(EtcdLabCollection.Name)]
public sealed class EtcdRestoreTests(EtcdLab lab, ITestOutputHelper output) : IClassFixture<EtcdLab>
{
    [RequiresMachinesFact("ssh-keygen")]
    public async Task DrDrill_BringsBackExactlyTheSnapshotsKeys_NoLaterWriteSurvives_AllMembersHealthy()
    {
        await lab.WaitHealthyAsync();

        var result = await EtcdDrDrill.RunAsync(lab.Scope(), keys: 300, CancellationToken.None);

        output.WriteLine(result.Line);
        Assert.Equal(300, result.Expected);
        Assert.Equal(300, result.Restored);
        Assert.Equal(0, result.Extra);
        Assert.Equal(3, result.HealthyMembers);
        Assert.Matches(@"^dr drill: restored 300/300 keys, 0 extra, recovery \d+ s$", result.Line);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Restore_OfATruncatedSnapshot_RefusesBeforeTouchingAnyMember_NamingTheFileAndTheCheck()
    {
        await lab.WaitHealthyAsync();
        var backup = await EtcdBackup.RunAsync(lab.Scope(), CancellationToken.None);
        await lab.EtcdctlAsync("cp-1", "put /restore-test/after-the-backup yes");
        var copy = $"/srv/etcd-snapshots/{backup.Member}/{backup.Name}.db.age";
        await lab.ShAsync(BackupTargetMachine.Name, $"truncate -s -100 {copy}");
        var started = await lab.ShAsync("cp-2", "systemctl show -p ActiveEnterTimestampMonotonic etcd");

        var unconfirmed = await Assert.ThrowsAsync<EtcdOperationException>(() => EtcdRestore.RunAsync(lab.Scope(), SnapshotName.TryParse(backup.Name), CancellationToken.None));
        var refused = await Assert.ThrowsAsync<EtcdOperationException>(() => EtcdRestore.RunAsync(lab.Scope(EtcdRestore.Name), SnapshotName.TryParse(backup.Name), CancellationToken.None));

        output.WriteLine(refused.Message);
        Assert.Contains("Deploy:Confirm=etcd-restore", unconfirmed.Message, StringComparison.Ordinal);
        Assert.Contains($"{backup.Name}.db.age", refused.Message, StringComparison.Ordinal);
        Assert.Contains("age decryption failed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("etcd-restore-fetch", refused.Message, StringComparison.Ordinal);
        Assert.Equal(started, await lab.ShAsync("cp-2", "systemctl show -p ActiveEnterTimestampMonotonic etcd")); // never restarted
        Assert.Equal("yes", (await lab.EtcdctlAsync("cp-3", "get /restore-test/after-the-backup --print-value-only")).Trim());
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Restore_InterruptedByAMachineGoingDown_ResumesToAHealthyRestoredCluster()
    {
        await lab.WaitHealthyAsync();
        await lab.EtcdctlAsync("cp-1", "put /restore-test/before yes");
        var backup = await EtcdBackup.RunAsync(lab.Scope(), CancellationToken.None);
        await lab.EtcdctlAsync("cp-1", "put /restore-test/later yes");
        var interrupt = new StopMachineAfterPhase(lab.Machines, "etcd-restore-stop", "cp-3");

        var failed = await Assert.ThrowsAsync<EtcdOperationException>(() => EtcdRestore.RunAsync(lab.Scope(EtcdRestore.Name) with { Observer = interrupt }, SnapshotName.TryParse(backup.Name), CancellationToken.None));
        output.WriteLine(failed.Message);
        await lab.Machines.StartMachineAsync("cp-3", untilBooted: false); // its etcd, old data, waits for peers that are stopped
        var resumed = await EtcdRestore.RunAsync(lab.Scope(EtcdRestore.Name), null, CancellationToken.None);
        output.WriteLine(resumed);

        Assert.True(interrupt.Stopped);
        Assert.Contains("cp-3", failed.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{backup.Name} restored onto 3 members", resumed, StringComparison.Ordinal);
        await lab.WaitHealthyAsync();
        Assert.Equal("yes", (await lab.EtcdctlAsync("cp-3", "get /restore-test/before --print-value-only")).Trim());
        Assert.Equal("", (await lab.EtcdctlAsync("cp-2", "get /restore-test/later --print-value-only")).Trim());
    }
}
