using Platform.Deployer.Inventory;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Lab.Substrates;

namespace Platform.Testing;

/// <summary>
/// Starts a lab of machine containers for a model, with a fresh SSH key authorised for root, and gives
/// the Deployer's inventory for it. Removes exactly what it started.
/// </summary>
public sealed class MachineLabFixture : IAsyncDisposable
{
    private readonly TempFolder _dir = new("platform-lab");

    private MachineLabFixture(MachineLab lab, string keyFile)
    {
        Lab = lab;
        KeyFile = keyFile;
    }

    /// <summary>The running lab.</summary>
    public MachineLab Lab { get; }

    /// <summary>The private key authorised for root on every machine.</summary>
    public string KeyFile { get; }

    /// <summary>A folder for the test's state, known_hosts and inventory.</summary>
    public TempFolder Directory => _dir;

    /// <summary>The Deployer inventory.</summary>
    public DeploymentInventory Inventory => LabInventory.Create(Lab, KeyFile);

    /// <summary>
    /// Starts machines for every pool of <paramref name="model"/> at their planned addresses, from the ready image
    /// unless <paramref name="image"/> says otherwise (<see cref="MachineImage.Base"/>: fresh VMs, the install path).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="name">The lab's name (default: a random one).</param>
    /// <param name="progress">Receives the lab's progress lines.</param>
    /// <param name="image">The machine image.</param>
    /// <param name="only">Only the machines of these roles (for example the control planes, for etcd alone).</param>
    public static async Task<MachineLabFixture> StartAsync(PlatformModel model, string? name = null, Action<string>? progress = null, string image = MachineImage.Default, IReadOnlyList<NodeRole>? only = null)
    {
        var dir = new TempFolder("platform-key");
        RequiredTools.Require("ssh-keygen");
        var key = await LabSshKey.EnsureAsync(dir.Path, CancellationToken.None);

        var lab = new MachineLabBuilder()
            .WithName(name ?? $"t{Guid.NewGuid():N}"[..12])
            .WithEngine(MachineTestEnvironment.Engine)
            .WithModel(model)
            .WithTopology(new PlatformTopology(model.PlanTopology().Machines.Where(m => only is null || only.Contains(m.Role))), model.OfType<SubnetResource>().ToDictionary(s => s.Name, s => s.Cidr))
            .WithImage(image)
            .WithAuthorizedKey(File.ReadAllText(key + ".pub"))
            .Build();
        if (progress is not null)
        {
            lab.Progress += progress;
        }

        var fixture = new MachineLabFixture(lab, key);
        try
        {
            await lab.StartAsync();
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }

        return fixture;
    }

    /// <summary>Writes the inventory YAML and returns its path.</summary>
    public string WriteInventory()
    {
        var path = _dir.Combine("inventory.yaml");
        File.WriteAllText(path, LabInventory.ToYaml(Lab, KeyFile));
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Lab.DisposeAsync();
        _dir.Dispose();
        System.IO.Directory.Delete(Path.GetDirectoryName(KeyFile)!, recursive: true);
    }
}
