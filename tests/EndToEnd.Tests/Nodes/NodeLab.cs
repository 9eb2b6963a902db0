using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Platform.Lab.Machines;
using Platform.Deployer.Steps;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Nodes;

/// <summary>
/// Machines for the node lifecycle tests: a small platform in 10.41.0.0/16 (each test class its own block of three /24s,
/// so classes can run side by side), started for the largest shape a test grows to; the inventory lists the machines a
/// step of the test deploys, so a pool grows or shrinks by writing another one.
/// </summary>
public sealed class NodeLab : IAsyncDisposable
{
    /// <summary>The phases that need Kubernetes packages and images, which this network cannot reach.</summary>
    public const string KubernetesPhases = DeployOnMachinesTests.KubernetesPhases;

    private readonly int _block;

    private NodeLab(MachineLabFixture fixture, int block)
    {
        Fixture = fixture;
        _block = block;
    }

    /// <summary>The machines.</summary>
    public MachineLabFixture Fixture { get; }

    /// <summary>The state folder every run of the test shares.</summary>
    public string State => Fixture.Directory.Combine("state");

    /// <summary>The model of this block with pools of these sizes.</summary>
    public IDistributedApplicationBuilder Model(int controlPlanes, int workers, int loadBalancers) => Model(_block, controlPlanes, workers, loadBalancers);

    /// <summary>A platform whose subnets are 10.41.(10·block+1..3).0/24; the VIP is .5 of the load balancers' subnet.</summary>
    public static IDistributedApplicationBuilder Model(int block, int controlPlanes, int workers, int loadBalancers)
        => DeployerTestModels.Lab(controlPlanes, workers, loadBalancers, prefix: "10.41", subnets: block * 10);

    /// <summary>Starts the machines of the largest shape (<paramref name="block"/> 1-24; one per test class).</summary>
    public static async Task<NodeLab> StartAsync(int block, int controlPlanes, int workers, int loadBalancers)
        => new(await MachineLabFixture.StartAsync(Model(block, controlPlanes, workers, loadBalancers).BuildModel(), name: $"nodes{block}-{Guid.NewGuid():N}"[..16], progress: Console.WriteLine), block);

    /// <summary>Writes an inventory of the running machines but <paramref name="except"/>, and returns its path.</summary>
    public string Inventory(params string[] except)
    {
        var path = Fixture.Directory.Combine($"inventory-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, LabInventory.ToYaml(Fixture.Lab, Fixture.KeyFile, except));
        return path;
    }

    /// <summary>The checked input, as <c>aspire do</c> reads it, for <paramref name="model"/> with these Deploy:* options.</summary>
    public DeploymentInput Input(IDistributedApplicationBuilder model, string inventory, params (string Key, string Value)[] options)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Deploy:State"] = State,
            ["Deploy:KnownHosts"] = Fixture.Directory.Combine("known_hosts"),
            ["Deploy:AcceptNewHostKeys"] = "true",
            ["Deploy:Skip"] = KubernetesPhases,
        };
        foreach (var (key, value) in options)
        {
            settings[$"Deploy:{key}"] = value;
        }

        return DeploymentInput.Load(model.Resources, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), inventory);
    }

    /// <summary>Runs a shell command on a machine (outside SSH); returns exit code and output.</summary>
    public async Task<(long ExitCode, string Output)> ShAsync(string machine, string command)
    {
        var result = await Fixture.Lab.ExecAsync(machine, ["sh", "-c", command]);
        return (result.ExitCode, result.Output + result.Error);
    }

    /// <summary>What a machine still has of the platform, asked outside the Deployer: units, packages, files, firewall table.</summary>
    public async Task<string> LeftoversAsync(string machine)
    {
        var (_, output) = await ShAsync(machine, """
            for u in containerd chrony prometheus-node-exporter etcd haproxy keepalived kubelet; do systemctl cat $u.service >/dev/null 2>&1 && echo "unit $u"; done
            for p in containerd containerd.io etcd-server etcd-client haproxy keepalived prometheus-node-exporter chrony kubeadm kubelet kubectl; do dpkg-query -W -f='${Status}\n' $p 2>/dev/null | grep -q 'install ok installed' && echo "package $p"; done
            apt-mark showhold | sed 's/^/held /'
            for f in /etc/etcd /var/lib/etcd /etc/kubernetes /var/lib/kubelet /etc/containerd /etc/nftables.d/platform.nft /etc/sysctl.d/90-platform.conf /etc/modules-load.d/platform.conf; do test -e $f && echo "file $f"; done
            nft list table inet platform >/dev/null 2>&1 && echo "nft table inet platform"
            true
            """);
        return output.Trim();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Fixture.DisposeAsync();
}
