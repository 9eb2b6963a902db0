using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.Lab.Tests.Machines;

/// <summary>
/// Service containers (what Grafana, Elasticsearch, Kibana and Fluent Bit run in when their images are present),
/// proven here with the machine image as a stand-in service: files in place, its own fixed address, or beside a machine
/// reading that machine's journal (as Fluent Bit does) and following it through a stop and start, removed with the lab.
/// </summary>
public sealed class MachineLabServiceTests
{
    [RequiresMachinesFact("ssh-keygen")]
    public async Task StartServiceAsync_ServesItsFilesAtItsAddress_ABesideOneReadsTheMachinesJournalAcrossItsRestart_AndBothGoWithTheLab()
    {
        var model = Model(out var subnet);
        var name = $"t-svc-{Guid.NewGuid():N}"[..14];
        var marker = Guid.NewGuid().ToString("N");
        await using (var fixture = await MachineLabFixture.StartAsync(model, name, only: [NodeRole.ControlPlane]))
        {
            var cp1 = fixture.Lab["cp-1"].Machine;
            var own = Serving("svc", "control-plane-net", IPAddress.Parse($"10.51.{subnet}.200"), ["python3", "-m", "http.server", "8080", "--directory", "/"]) with
            {
                Files = new Dictionary<string, string> { ["/srv/index.html"] = marker },
            };
            // Beside cp-1: its journal through its systemd (PID 1 here too), listed where the service serves, on cp-1's address.
            var beside = Serving("svc-cp-1", cp1.Subnet, cp1.Address, ["sh", "-c", "mkdir -p /srv && journalctl -D /proc/1/root/var/log/journal -u ssh.service --no-pager > /srv/journal.txt; exec python3 -m http.server 8080 --directory /srv"]) with
            {
                Beside = "cp-1",
            };
            await fixture.Lab.StartServiceAsync(own);
            await fixture.Lab.StartServiceAsync(beside);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            var served = await UntilAnswersAsync(http, new Uri(own.Url, "srv/index.html"));
            var journal = await UntilAnswersAsync(http, new Uri(beside.Url, "journal.txt"));

            await fixture.Lab.StopMachineAsync("cp-1");
            await fixture.Lab.StartMachineAsync("cp-1");
            var again = await UntilAnswersAsync(http, new Uri(beside.Url, "journal.txt"));

            Assert.Equal(marker, served);
            Assert.Contains("cp-1", journal, StringComparison.Ordinal);
            Assert.Contains("sshd", journal, StringComparison.Ordinal);
            Assert.Contains("cp-1", again, StringComparison.Ordinal);
        }

        Assert.Equal(0, await MachineLab.CountExistingAsync(MachineTestEnvironment.Engine, name));
    }

    /// <summary>One control plane and one worker in 10.51.0.0/16, on subnets picked at random: runs of this test from two worktrees do not collide.</summary>
    private static PlatformModel Model(out int subnet)
    {
        subnet = 10 + 2 * Random.Shared.Next(0, 110);
        var builder = DistributedApplication.CreateBuilder();
        var network = builder.AddNetwork("private", "10.51.0.0/16");
        builder.AddOperatingSystem().WithTimeServers($"10.51.{subnet}.11");
        var cluster = builder.AddKubernetesCluster("svc");
        cluster.AddEtcd().WithSource(EtcdSource.DistroPackage);
        cluster.AddCalico();
        cluster.AddLonghorn().WithDefaultStorageClass("standard", replicas: 1);
        cluster.AddControlPlanes(1, network.AddSubnet("control-plane-net", $"10.51.{subnet}.0/24"));
        cluster.AddWorkers("worker", 1, network.AddSubnet("worker-net", $"10.51.{subnet + 1}.0/24"));
        return builder.BuildModel();
    }

    private static LabServiceContainer Serving(string name, string subnet, IPAddress address, IReadOnlyList<string> command) => new()
    {
        Name = name,
        Image = MachineImage.Base,
        Subnet = subnet,
        Address = address,
        Port = 8080,
        HealthPath = "",
        Command = command,
    };

    /// <summary>The body once the service answers (python starts in a moment); 20 s at most.</summary>
    private static async Task<string> UntilAnswersAsync(HttpClient http, Uri url)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(500);
            }
        }

        throw new TimeoutException($"{url} did not answer within 20 s.");
    }
}
