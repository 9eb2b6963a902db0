using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Deployer.State;
using Platform.Lab.Commands;
using Platform.Lab.Health;
using Platform.Lab;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.EndToEnd.Tests.Lab;

/// <summary>
/// <c>aspire run</c> as CI sees it: the real AppHost started with Aspire.Hosting.Testing, its machines lab up,
/// then the resources, their health checks (which ask etcd, HAProxy and sshd themselves) and their commands.
/// </summary>
[Collection(ProductionLabCollection.Name)]
public sealed partial class LabRunModeTests(ProductionLab lab, ITestOutputHelper output) : IClassFixture<ProductionLab>
{
    private static readonly string[] Machines = ["cp-1", "cp-2", "cp-3", "worker-1", "worker-2", "worker-3", "lb-1", "lb-2"];

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Machines_RunningHealthyWithTheirSshUrlUnderTheirPool()
    {
        foreach (var machine in Machines)
        {
            var e = await WaitAsync(machine, s => s.Snapshot.HealthStatus == HealthStatus.Healthy);

            Assert.Equal(KnownResourceStates.Running, e.Snapshot.State?.Text);
            Assert.Contains(e.Snapshot.Urls, u => u.Url.StartsWith("ssh://root@127.0.0.1:", StringComparison.Ordinal));
            Assert.Equal(machine[..machine.LastIndexOf('-')], Property(e, "resource.parentName"));
            Assert.Equal("1 Infrastructure", Property(e, PlatformResourceBuilderExtensions.LayerProperty));
            Assert.Equal(Platform.Lab.Machines.MachineImage.Default, Property(e, CustomResourceKnownProperties.Source));
        }
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Etcd_AnswersOverTlsOnEveryMember_AndTheVipAnswers()
    {
        var etcd = await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        using var probe = EtcdHealthProbe.For(new StateFolder(Path.Combine(lab.StateDirectory, "deploy")))!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        foreach (var (member, address) in new[] { ("cp-1", "10.20.1.11"), ("cp-2", "10.20.1.12"), ("cp-3", "10.20.1.13") })
        {
            var (healthy, detail) = await probe.CheckAsync(System.Net.IPAddress.Parse(address), CancellationToken.None);
            Assert.True(healthy, $"{member}: {detail}");
        }

        using var vip = await http.GetAsync("http://10.20.3.5:8404/healthz");
        Assert.True(vip.IsSuccessStatusCode, $"the VIP answered {(int)vip.StatusCode}");
        Assert.Contains(etcd.Snapshot.HealthReports, r => r.Description == "3/3 members healthy");
        Assert.Equal("etcd-server (distribution package)", Property(etcd, CustomResourceKnownProperties.Source));
        Assert.Contains(etcd.Snapshot.Urls, u => u.Url == "https://10.20.1.12:2379");
        await WaitAsync("api", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task StopCommand_OnAControlPlane_DegradesEtcdAndStartHealsIt()
    {
        await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);

        var stop = await lab.App.ResourceCommands.ExecuteCommandAsync("cp-2", KnownResourceCommands.StopCommand);
        Assert.True(stop.Success, stop.Message);
        var degraded = await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Degraded);
        var stopped = await WaitAsync("cp-2", s => s.Snapshot.State?.Text == KnownResourceStates.Exited);

        var start = await lab.App.ResourceCommands.ExecuteCommandAsync("cp-2", KnownResourceCommands.StartCommand);
        Assert.True(start.Success, start.Message);
        await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("cp-2", s => s.Snapshot.State?.Text == KnownResourceStates.Running && s.Snapshot.HealthStatus == HealthStatus.Healthy);

        Assert.Contains(degraded.Snapshot.HealthReports, r => r.Description?.StartsWith("2/3 members healthy, quorum kept", StringComparison.Ordinal) == true);
        Assert.Equal(KnownResourceStates.Exited, stopped.Snapshot.State?.Text);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task SnapshotAndMoveVipCommands_ActOnTheRealComponents()
    {
        await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("api", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);

        var snapshot = await lab.App.ResourceCommands.ExecuteCommandAsync("etcd", EtcdCommands.Snapshot);
        var move = await lab.App.ResourceCommands.ExecuteCommandAsync("api", VipCommands.MoveVip);
        var restore = await lab.App.ResourceCommands.ExecuteCommandAsync("api", VipCommands.RestoreVip);

        Assert.True(snapshot.Success, snapshot.Message);
        Assert.True(move.Success, move.Message);
        Assert.True(restore.Success, restore.Message);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var vip = await http.GetAsync("http://10.20.3.5:8404/healthz");
        Assert.True(vip.IsSuccessStatusCode, "the VIP does not answer after it moved");
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Etcd35_SnapshotsLandEncryptedOnTheLabsBackupTarget_FromTheCommandAndTheTimer()
    {
        var target = await WaitAsync(BackupTargetMachine.Name, s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var machines = lab.App.Services.GetRequiredService<LabLifecycle>().Machines!;

        var version = await machines.ExecAsync("cp-1", ["etcdctl", "version"]);
        var snapshot = await lab.App.ResourceCommands.ExecuteCommandAsync("etcd", EtcdCommands.Snapshot);
        var timer = await machines.ExecAsync("cp-2", ["systemctl", "start", "etcd-snapshot.service"]);
        var copies = await machines.ExecAsync(BackupTargetMachine.Name, ["sh", "-c", "cd /srv/etcd-snapshots && ls */*.db.age"]);

        Assert.Contains("etcdctl version: 3.5.", version.Output, StringComparison.Ordinal);
        Assert.True(snapshot.Success, snapshot.Message);
        Assert.Contains("age-encrypted copy at backup@10.20.3.50:/srv/etcd-snapshots/", snapshot.Message, StringComparison.Ordinal);
        Assert.True(timer.ExitCode == 0, timer.Error);
        Assert.Matches(@"(?m)^cp-1/etcd-cp-1-\d{8}T\d{15}Z\.db\.age$", copies.Output);
        Assert.Matches(@"(?m)^cp-2/etcd-cp-2-\d{8}T\d{15}Z\.db\.age$", copies.Output);
        Assert.Equal("etcd-snapshots", Property(target, "resource.parentName"));
        Assert.Contains(target.Snapshot.Urls, u => u.Url.StartsWith("ssh://root@127.0.0.1:", StringComparison.Ordinal));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task ResourcesTheLabDoesNotRun_SayWhy()
    {
        var calico = await WaitAsync("calico", s => s.Snapshot.State?.Text == LabResources.NotInLabState);
        var cluster = await WaitAsync("prod", s => s.Snapshot.State?.Text == LabResources.NotInLabState);

        Assert.Contains("cni", Property(calico, LabResources.DetailProperty), StringComparison.Ordinal);
        Assert.Contains("Lab:Skip", Property(cluster, LabResources.DetailProperty), StringComparison.Ordinal);
        Assert.Equal("5 Networking", Property(calico, PlatformResourceBuilderExtensions.LayerProperty));
        Assert.StartsWith("chart tigera-operator ", Property(calico, CustomResourceKnownProperties.Source), StringComparison.Ordinal);
        Assert.Equal("prod", Property(calico, "resource.parentName"));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task ConsoleLogs_ShowEachMachinesBootAndPhases_AndTheJournalOfItsPlatformUnits()
    {
        var cp1 = await LinesAsync("cp-1", l => l.Contains("[journal]", StringComparison.Ordinal) && l.Contains("etcd", StringComparison.Ordinal));
        var lb1 = await LinesAsync("lb-1", l => l.Contains("[journal]", StringComparison.Ordinal) && l.Contains("Keepalived", StringComparison.OrdinalIgnoreCase));

        Assert.Contains(cp1, l => l.Contains("[boot]", StringComparison.Ordinal));
        Assert.Contains(cp1, l => l.Contains("[etcd] done in", StringComparison.Ordinal));
        Assert.Contains(lb1, l => l.Contains("[load-balancer] done in", StringComparison.Ordinal));
    }

    /// <summary>The resource's console lines until one matches <paramref name="until"/> (bounded in time).</summary>
    private async Task<IReadOnlyList<string>> LinesAsync(string resource, Func<string, bool> until)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await foreach (var batch in lab.App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resource).WithCancellation(timeout.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
                if (lines.Any(until))
                {
                    return lines;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"No matching line in {resource}'s console log within 60 s; it has {lines.Count} lines, the last: {string.Join(" | ", lines.TakeLast(5))}");
    }

    private Task<ResourceEvent> WaitAsync(string resource, Func<ResourceEvent, bool> predicate) => lab.WaitAsync(resource, predicate);

    private static string? Property(ResourceEvent e, string name) => ProductionLab.Property(e, name);
}
