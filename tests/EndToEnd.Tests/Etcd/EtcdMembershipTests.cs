using Aspire.Hosting.ApplicationModel;
using Platform.Deployer;
using Platform.Deployer.Etcd;
using Platform.Deployer.Phases;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Etcd;

/// <summary>
/// Replacing a lost member (quorum checked first), renewing the certificates and rolling a configuration change under a
/// writer, on real machines.
/// </summary>
[Collection(EtcdLabCollection.Name)]
public sealed class EtcdMembershipTests(EtcdLab lab, ITestOutputHelper output) : IClassFixture<EtcdLab>
{
    [RequiresMachinesFact("ssh-keygen")]
    public async Task ReplaceMember_RefusesWithoutQuorum_ThenReplacesALostMachinesMember()
    {
        await lab.WaitHealthyAsync();
        await lab.EtcdctlAsync("cp-1", "put /replace-test/key before");
        var before = await lab.EtcdctlAsync("cp-1", "member list");
        // cp-3 is lost: its machine comes back reinstalled (no etcd data, configuration or keys).
        await lab.ShAsync("cp-3", "systemctl disable --now etcd && rm -rf /var/lib/etcd/data /etc/etcd");

        await lab.ShAsync("cp-2", "systemctl stop etcd");
        var refused = await Assert.ThrowsAsync<EtcdOperationException>(() => EtcdReplaceMember.RunAsync(lab.Scope(EtcdReplaceMember.Name), "cp-3", CancellationToken.None));
        await lab.ShAsync("cp-2", "systemctl start etcd");
        var unconfirmed = await Assert.ThrowsAsync<EtcdOperationException>(() => EtcdReplaceMember.RunAsync(lab.Scope(), "cp-3", CancellationToken.None));
        var notAControlPlane = await Assert.ThrowsAsync<EtcdOperationException>(() => EtcdReplaceMember.RunAsync(lab.Scope(EtcdReplaceMember.Name), "cp-9", CancellationToken.None));
        var replaced = await EtcdReplaceMember.RunAsync(lab.Scope(EtcdReplaceMember.Name), "cp-3", CancellationToken.None);
        output.WriteLine(refused.Message);
        output.WriteLine(replaced);

        Assert.Contains("quorum", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was touched", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy:Confirm=etcd-replace-member", unconfirmed.Message, StringComparison.Ordinal);
        Assert.Contains("cp-1, cp-2, cp-3", notAControlPlane.Message, StringComparison.Ordinal);
        await lab.WaitHealthyAsync();
        var after = await lab.EtcdctlAsync("cp-1", "member list");
        Assert.Equal(3, after.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(", started, ", StringComparison.Ordinal)));
        Assert.NotEqual(Id(before, "cp-3"), Id(after, "cp-3"));
        Assert.Equal("before", (await lab.ShAsync("cp-3", "ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/admin-client.crt --key=/etc/etcd/pki/admin-client.key get /replace-test/key --print-value-only")).Trim());
        Assert.Equal("absent", (await lab.ShAsync("cp-3", "test -e /etc/etcd/join.env && echo present || echo absent")).Trim());
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task CertsRenew_UnderAWriterLoop_NoWriteFails_AndEveryMemberServesItsNewCertificate()
    {
        await lab.WaitHealthyAsync();
        var servedBefore = await ServedSerialsAsync();

        var (renewed, writer, _) = await WhileWritingAsync(() => EtcdCertificatesRenew.RunAsync(lab.Scope(), CancellationToken.None));
        var check = await CertificatesCheck.ListAsync(lab.Scope(), CancellationToken.None);
        output.WriteLine(renewed);

        Assert.Equal(0, writer.Failed);
        Assert.True(writer.Written > 20, $"only {writer.Written} writes");
        Assert.Contains("3 members restarted one at a time", renewed, StringComparison.Ordinal);
        var servedAfter = await ServedSerialsAsync();
        Assert.All(servedAfter, s => Assert.DoesNotContain(s, servedBefore));
        Assert.Equal(3, check.Entries.Select(e => e.Host).Distinct().Count());
        Assert.All(check.Entries.Where(e => e.Path.EndsWith("server.crt", StringComparison.Ordinal)), e => Assert.True(e.NotAfter > DateTimeOffset.UtcNow.AddDays(360), $"{e.Host} {e.Path} {e.NotAfter}"));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task ConfigurationChanged_OnARunningCluster_DeployRestartsTheMembersInTurn_NoWriteFails()
    {
        await lab.WaitHealthyAsync();
        var members = lab.Model.PlanTopology().ControlPlanes.Select(m => m.Name).ToList();
        // The configuration on every member differs from the model's (as after an upgrade of Platform or a hand edit).
        foreach (var member in members)
        {
            await lab.ShAsync(member, $"sed -i 's/^ETCD_SNAPSHOT_COUNT=.*/ETCD_SNAPSHOT_COUNT=20000/' {EtcdPaths.EnvironmentFile}");
        }

        var startedBefore = await StartTimesAsync(members);
        var (deploy, writer, _) = await WhileWritingAsync(() => Deployment.RunAsync(lab.Model, lab.Inventory, lab.State, lab.Options, new DeploymentObserver(), CancellationToken.None));
        var startedAfter = await StartTimesAsync(members);
        output.WriteLine(string.Join('\n', deploy.Changes.Where(c => c.Phase == "etcd").Select(c => $"{c.Host} {c.Description}")));
        output.WriteLine($"restarts, seconds apart: {string.Join(", ", startedAfter.Order().Zip(startedAfter.Order().Skip(1), (a, b) => ((b - a) / 1e6).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");

        Assert.True(deploy.Failures.Count == 0, string.Join("\n", deploy.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
        Assert.Equal(0, writer.Failed);
        Assert.True(writer.Written > 20, $"only {writer.Written} writes");
        Assert.All(members.Zip(startedBefore, startedAfter), m => Assert.True(m.Third > m.Second, $"{m.First}: etcd was not restarted"));
        Assert.All(members, m => Assert.Single(deploy.Changes, c => c.Host == m && c.Description.StartsWith("restart etcd", StringComparison.Ordinal)));
        foreach (var member in members)
        {
            Assert.Contains("ETCD_SNAPSHOT_COUNT=10000", await lab.ShAsync(member, $"cat {EtcdPaths.EnvironmentFile}"), StringComparison.Ordinal);
        }

        await lab.WaitHealthyAsync();
    }

    // A second of writes before and after the operation, so it starts and ends under load.
    private Task<(T Result, EtcdWriter Writer, bool Outlasted)> WhileWritingAsync<T>(Func<Task<T>> operation)
        => EtcdWriter.WhileWritingAsync(lab.State, lab.Model.PlanTopology().ControlPlanes.Select(m => $"https://{m.Address}:2379"), operation, output.WriteLine, settle: TimeSpan.FromSeconds(1));

    // Containers share the host's kernel, so the members' monotonic start times compare directly.
    private async Task<long[]> StartTimesAsync(IEnumerable<string> members)
        => await Task.WhenAll(members.Select(async m => long.Parse((await lab.ShAsync(m, "systemctl show -P ExecMainStartTimestampMonotonic etcd")).Trim(), System.Globalization.CultureInfo.InvariantCulture)));

    private async Task<string[]> ServedSerialsAsync()
        => await Task.WhenAll(lab.Model.PlanTopology().ControlPlanes.Select(async m =>
            (await lab.ShAsync("cp-1", $"echo | openssl s_client -connect {m.Address}:2379 -cert /etc/etcd/pki/admin-client.crt -key /etc/etcd/pki/admin-client.key 2>/dev/null | openssl x509 -noout -serial")).Trim()));

    private static string Id(string memberList, string name)
        => memberList.Split('\n').First(l => l.Contains($", {name}, ", StringComparison.Ordinal)).Split(',')[0];
}
