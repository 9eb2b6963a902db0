using Aspire.Hosting;
using Docker.DotNet;
using Docker.DotNet.Models;
using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.Lab.Tests.Machines;

public sealed class MachineLabTests : IClassFixture<MachineLabTests.ThreeMachines>
{
    private readonly ThreeMachines _machines;

    public MachineLabTests(ThreeMachines machines) => _machines = machines;

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Start_EachMachineBootsSystemdAndAnswersSshWithItsOwnHostKeyNameAndAddress()
    {
        var lab = _machines.Fixture.Lab;
        var keys = new HashSet<string>();
        foreach (var machine in lab.Machines)
        {
            await using var ssh = await ConnectAsync(machine);
            var state = await ssh.RunAsync("systemctl is-system-running; hostname; ip -o -4 addr show | awk '{print $4}'");

            Assert.Matches("^(running|degraded)\n", state.Output);
            Assert.Contains($"\n{machine.Name}\n", state.Output, StringComparison.Ordinal);
            Assert.Contains($"{machine.Machine.Address}/24", state.Output, StringComparison.Ordinal);
            keys.Add(File.ReadAllLines(_machines.KnownHosts).Single(l => l.StartsWith($"[127.0.0.1]:{machine.SshPort} ", StringComparison.Ordinal)).Split(' ')[2]);
        }

        Assert.Equal(3, keys.Count);
        Assert.All(lab.Machines, m => Assert.Equal("127.0.0.1", m.SshHost));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Network_MachinesReachEachOtherAcrossSubnetsAndTheHostReachesThem()
    {
        var lab = _machines.Fixture.Lab;
        var worker = lab["worker-1"];
        await using var cp = await ConnectAsync(lab["cp-1"]);

        var across = await cp.RunAsync($"timeout 5 bash -c 'echo > /dev/tcp/{worker.Machine.Address}/22' && echo reachable");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(worker.Machine.Address, 22).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("reachable\n", across.Output);
        Assert.True(tcp.Connected);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Apt_InstallsFromTheOfflineRepositoryOnly()
    {
        await using var ssh = await ConnectAsync(_machines.Fixture.Lab["worker-2"]);

        var sources = await ssh.RunAsync("cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -v '^#' | grep .");
        // The ready image has keepalived already: --reinstall fetches it from the repository again.
        var install = await ssh.RunAsync("DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall keepalived && dpkg-query -W -f='${Status}' keepalived", TimeSpan.FromMinutes(3));

        Assert.Equal("deb [trusted=yes] file:/var/lib/platform/offline-repo ./\n", sources.Output);
        Assert.True(install.ExitCode == 0, install.Error);
        Assert.EndsWith("install ok installed", install.Output, StringComparison.Ordinal);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task StopAndStart_TheMachineComesBackOnTheSamePort()
    {
        var lab = _machines.Fixture.Lab;
        var before = lab["worker-2"].SshPort;

        await lab.StopMachineAsync("worker-2");
        var refused = await Assert.ThrowsAsync<SshConnectionException>(() => ConnectAsync(lab["worker-2"]));
        await lab.StartMachineAsync("worker-2");
        await using var ssh = await ConnectAsync(lab["worker-2"]);

        Assert.True(refused.Retryable);
        Assert.Equal(before, lab["worker-2"].SshPort);
        Assert.Equal("worker-2\n", (await ssh.RunAsync("hostname")).Output);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Dispose_RemovesOnlyTheLabsContainersAndNetworks()
    {
        var model = ThreeMachines.Model(prefix: "10.62");
        using var client = new DockerClientBuilder().WithEndpoint(MachineTestEnvironment.Engine).Build();
        var bystander = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = MachineImage.Default,
            Name = $"bystander-{Guid.NewGuid():N}"[..20],
            Labels = new Dictionary<string, string> { ["platform.lab"] = "someone-else" },
            Cmd = ["sleep", "60"],
        });
        try
        {
            var fixture = await MachineLabFixture.StartAsync(model);
            var name = fixture.Lab.Name;
            int before;
            try
            {
                before = await CountAsync(client, name);
            }
            finally
            {
                await fixture.DisposeAsync();
            }

            Assert.Equal(4, before); // three machines and the router

            Assert.Equal(0, await CountAsync(client, name));
            var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters());
            Assert.DoesNotContain(networks, n => n.Labels is not null && n.Labels.TryGetValue(MachineLabLabels.Lab, out var lab) && lab == name);
            Assert.NotNull(await client.Containers.InspectContainerAsync(bystander.ID));
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(bystander.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Start_SubnetAlreadyUsedOnTheHost_SaysWhichAndHowToFix()
    {
        // podman's own default network is 10.88.0.0/16 and Docker's 172.17.0.0/16: use the one this engine has.
        using var client = new DockerClientBuilder().WithEndpoint(MachineTestEnvironment.Engine).Build();
        var taken = (await client.Networks.ListNetworksAsync(new NetworksListParameters())).SelectMany(n => n.IPAM?.Config ?? []).Select(c => c.Subnet).First(s => s is { Length: > 0 } && s.Contains('.') && s.EndsWith("/16", StringComparison.Ordinal));
        var prefix = string.Join('.', taken.Split('.').Take(2));

        var e = await Assert.ThrowsAsync<PlatformException>(() => MachineLabFixture.StartAsync(ThreeMachines.Model(prefix)));

        Assert.Contains($"subnet 'control-plane-net' ({prefix}.1.0/24) is already used on this host", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_NoEngineAtAnyEndpoint_ListsEveryEndpointAndTheFix()
    {
        var e = await Assert.ThrowsAsync<ContainerEngineNotFoundException>(() => ContainerEngine.DiscoverAsync(candidates: [new Uri("unix:///nonexistent/docker.sock"), new Uri("tcp://127.0.0.1:1")]));

        Assert.Contains("unix:///nonexistent/docker.sock: no such socket", e.Message, StringComparison.Ordinal);
        Assert.Contains("tcp://127.0.0.1:1/:", e.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup-container-engine.sh", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingPieces_NamesEachOne()
    {
        var e = Assert.Throws<ArgumentException>(() => new MachineLabBuilder().WithName("Bad Name").Build());

        Assert.Contains("lab name 'Bad Name'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no engine", e.Message, StringComparison.Ordinal);
        Assert.Contains("no machines", e.Message, StringComparison.Ordinal);
        Assert.Contains("no OpenSSH public key", e.Message, StringComparison.Ordinal);
    }

    private Task<SshConnection> ConnectAsync(LabMachine machine)
        => SshConnection.ConnectAsync(machine.Name, new SshEndpoint(machine.SshHost, machine.SshPort, "root", _machines.Fixture.KeyFile), new KnownHostsFile(_machines.KnownHosts), acceptNewHostKeys: true, TimeSpan.FromSeconds(10), CancellationToken.None);

    private static async Task<int> CountAsync(DockerClient client, string lab)
        => (await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{MachineLabLabels.Lab}={lab}"] = true } } })).Count;

    /// <summary>One control plane and two workers over two subnets, shared by the tests of this class.</summary>
    public sealed class ThreeMachines : IAsyncLifetime
    {
        public MachineLabFixture Fixture { get; private set; } = null!;

        public string KnownHosts => Fixture.Directory.Combine("known_hosts");

        public static PlatformModel Model(string prefix = "10.61")
        {
            var builder = DistributedApplication.CreateBuilder();
            var network = builder.AddNetwork("private", $"{prefix}.0.0/16");
            var cpNet = network.AddSubnet("control-plane-net", $"{prefix}.1.0/24");
            var workerNet = network.AddSubnet("worker-net", $"{prefix}.2.0/24");
            builder.AddOperatingSystem();
            var cluster = builder.AddKubernetesCluster("machines");
            cluster.AddControlPlanes(1, cpNet);
            cluster.AddWorkers("worker", 2, workerNet);
            cluster.AddEtcd();
            cluster.AddCalico();
            cluster.AddLonghorn().WithDefaultStorageClass("standard", 1);
            return builder.BuildModel();
        }

        public async Task InitializeAsync()
        {
            if (MachineTestEnvironment.Missing is null || RequiredTools.Strict)
            {
                Fixture = await MachineLabFixture.StartAsync(Model());
            }
        }

        public async Task DisposeAsync()
        {
            if (Fixture is not null)
            {
                await Fixture.DisposeAsync();
            }
        }
    }
}
