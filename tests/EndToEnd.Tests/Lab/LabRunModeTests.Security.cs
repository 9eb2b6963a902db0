using Aspire.Hosting.ApplicationModel;
using Docker.DotNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Hosting.Publishing;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Lab;

/// <summary>
/// Security on the lab's machines after the lab's deploy: the firewall applied by prepare, probed between the machines
/// themselves (bounded: 3 s per probe), and a scan for every secret value of the state folder on every host, in the
/// published artifacts and in the AppHost's logs.
/// </summary>
public sealed partial class LabRunModeTests
{
    /// <summary>What <c>timeout</c> exits with when the connection attempt got no answer (the firewall dropped it).</summary>
    private const long Dropped = 124;

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Firewall_OnTheLabsMachines_OpensOnlyWhatEachRoleNeeds_HealthChecksAndSshStillWork()
    {
        // The health checks connect from this host (the bridges' gateways, the lab's admin sources).
        await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("api", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        using var client = new DockerClientBuilder().WithEndpoint(MachineTestEnvironment.Engine).Build();
        var machines = await MachinesAsync(client);

        // The model's machines only: lab-only machines (the backup target) are not deployed onto.
        var modelMachines = lab.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<MachineResource>().Select(m => m.Name).ToHashSet();
        Assert.Equal(8, modelMachines.Count);
        foreach (var (name, (id, _)) in machines.Where(m => modelMachines.Contains(m.Key)))
        {
            var table = await LabContainers.ExecAsync(client, id, ["sh", "-c", "nft list table inet platform >/dev/null && systemctl is-enabled platform-firewall.service"]);
            Assert.True(table.ExitCode == 0 && table.Output.Trim() == "enabled", $"{name}: {table.Output}{table.Error}");
        }

        async Task<long> ProbeAsync(string from, string address, int port)
            => (await LabContainers.ExecAsync(client, machines[from].Id, ["timeout", "3", "bash", "-c", $"exec 3<>/dev/tcp/{address}/{port}"])).ExitCode;

        Assert.Equal(Dropped, await ProbeAsync("worker-1", "10.20.1.11", 2379));   // a worker cannot reach etcd's client port
        Assert.Equal(Dropped, await ProbeAsync("worker-2", "10.20.3.11", 8404));   // nor HAProxy's health port (stats listen on 127.0.0.1 only)
        Assert.Equal(Dropped, await ProbeAsync("worker-3", "10.20.3.5", 8404));    // not through the VIP either
        Assert.Equal(Dropped, await ProbeAsync("lb-1", "10.20.1.12", 2380));       // etcd's peer port is for members only
        Assert.Equal(0, await ProbeAsync("cp-2", "10.20.1.11", 2379));             // a control plane reaches etcd
        Assert.Equal(0, await ProbeAsync("cp-3", "10.20.1.12", 2380));
        Assert.Equal(1, await ProbeAsync("lb-1", "10.20.1.11", 6443));             // the load balancers reach the API servers' port (refused: no API server in this lab)
        Assert.Equal(1, await ProbeAsync("lb-2", "10.20.1.13", 6443));

        // SSH still works after apply: a new login on every machine, as the Deployer makes.
        using var dir = new TempFolder();
        var known = new KnownHostsFile(dir.Combine("known_hosts"));
        foreach (var (name, (_, port)) in machines)
        {
            await using var ssh = await SshConnection.ConnectAsync(name, new SshEndpoint("127.0.0.1", port, "root", Path.Combine(lab.StateDirectory, "id_ed25519")), known, acceptNewHostKeys: true, TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.Equal("ok", (await ssh.RunAsync("echo ok", TimeSpan.FromSeconds(10))).EnsureSuccess().Output.Trim());
        }
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task SecretScan_AfterTheLabsDeploy_NoSecretValueOnAnyHostInThePublishedArtifactsOrTheAppHostsLogs()
    {
        await WaitAsync("etcd", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        await WaitAsync("api", s => s.Snapshot.HealthStatus == HealthStatus.Healthy);
        var secrets = SecretRedactor.ValuesIn(new StateFolder(Path.Combine(lab.StateDirectory, "deploy")));
        var scan = new SecretScan(secrets);
        using var client = new DockerClientBuilder().WithEndpoint(MachineTestEnvironment.Engine).Build();
        HashSet<string> memberKeys = [EtcdPaths.ServerKey, EtcdPaths.PeerKey, EtcdPaths.AdminClientKey, EtcdPaths.ApiServerClientKey];

        foreach (var (name, (id, _)) in await MachinesAsync(client))
        {
            var deliberate = name.StartsWith("cp-", StringComparison.Ordinal) ? memberKeys : [];
            await scan.ContainerFolderAsync(client, id, name, "/etc", deliberate);
            await scan.ContainerFolderAsync(client, id, name, "/var/log", deliberate);
            await scan.JournalAsync(client, id, name);
        }

        using var published = new TempFolder("published");
        var resources = lab.App.Services.GetRequiredService<DistributedApplicationModel>().Resources;
        PlatformPublisher.Publish(PlatformModel.Build(resources), published.Path);
        scan.Folder("published artifacts", published.Path);
        var logs = lab.App.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in resources)
        {
            var lines = new List<string>();
            await foreach (var batch in logs.GetAllAsync(resource))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }

            scan.Text($"AppHost log of {resource.Name}", string.Join('\n', lines));
        }

        output.WriteLine(scan.ToString());
        Console.WriteLine(scan.ToString());
        Assert.True(secrets.Count >= 5, $"only {secrets.Count} secret values in the state folder");
        Assert.True(scan.Findings.Count == 0, $"secret values found in: {string.Join(", ", scan.Findings)}");
        // The scan can see: each control plane's own etcd keys are where the Deployer placed them.
        Assert.Equal(12, scan.Deliberate.Count);
        Assert.True(scan.Places.Count >= 8 * 3 + 1 + resources.Count, scan.ToString());
    }

    private async Task<Dictionary<string, (string Id, int SshPort)>> MachinesAsync(DockerClient client)
        => (await LabContainers.ListAsync(client, lab.Name)).Where(c => c.Labels.ContainsKey(MachineLabLabels.Machine))
            .ToDictionary(c => c.Labels[MachineLabLabels.Machine], c => (c.ID, (int)(c.Ports.Single(p => p.PrivatePort == 22).PublicPort ?? 0)));
}
