using Aspire.Hosting;
using Platform.Deployer.Inventory;
using Aspire.Hosting.ApplicationModel;
using Platform.Testing;

namespace Platform.Deployer.Tests.Inventory;

public class InventoryLoaderTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly PlatformModel _model = DeployerTestModels.Lab().BuildModel();

    public InventoryLoaderTests() => File.WriteAllText(_dir.Combine("id_ed25519"), "not read by the loader");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_MatchingInventory_BindsMachinesAndEndpoints()
    {
        var file = Write(Valid());

        var inventory = InventoryLoader.Load(file, _model);

        Assert.Equal(7, inventory.Topology.Machines.Count);
        var cp1 = inventory.Topology["cp-1"];
        Assert.True(cp1.IsFirstControlPlane);
        Assert.Equal("10.77.1.11", cp1.Address.ToString());
        Assert.Equal("eth0", inventory.Topology["cp-2"].Interface);
        var endpoint = inventory.Endpoints["cp-1"];
        Assert.Equal(("127.0.0.1", 2201, "root", _dir.Combine("id_ed25519")), (endpoint.Host, endpoint.Port, endpoint.User, endpoint.KeyFile));
        Assert.Equal("[127.0.0.1]:2201", endpoint.KnownHostsName);
    }

    [Fact]
    public void Load_EveryKindOfMismatch_ListsAllInOneError()
    {
        var lines = Valid()
            .Replace("name: cp-3", "name: cp-2", StringComparison.Ordinal)            // duplicate name
            .Replace("address: 10.77.2.12", "address: 10.77.1.12", StringComparison.Ordinal) // duplicate + outside subnet
            .Replace("role: load-balancer\n    subnet: load-balancer-net\n    address: 10.77.3.12", "role: gateway\n    subnet: load-balancer-net\n    address: 10.77.3.12", StringComparison.Ordinal);
        var file = Write(lines);

        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(file, _model));

        Assert.Contains(e.Problems, p => p.Contains("'cp-2' is used by 2 machines", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("address 10.77.1.12 is outside its subnet 'worker-net'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("The address 10.77.1.12 is used by", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("role 'gateway' is not one of control-plane, worker, load-balancer", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("Pool 'lb' (load-balancer): the model has 2 machines, the inventory lists 1", StringComparison.Ordinal));
        Assert.StartsWith($"Inventory {file} has {e.Problems.Count} problems; nothing was touched", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RoleNotInModel_NamesTheRoleAndThePools()
    {
        var model = DeployerTestModels.Lab(loadBalancers: 0, controlPlanes: 1).BuildModel();
        var file = Write(Valid());

        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(file, model));

        Assert.Contains(e.Problems, p => p.Contains("role 'load-balancer' is not in the model", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("the model has 1 machine, the inventory lists 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownField_ReportsLineAndValidFields()
    {
        var file = Write("machines:\n  - name: cp-1\n    adress: 10.77.1.11\n");

        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(file, _model));

        var problem = Assert.Single(e.Problems);
        Assert.Contains("Line 3", problem, StringComparison.Ordinal);
        Assert.Contains("adress", problem, StringComparison.Ordinal);
        Assert.Contains("Fields of a machine are", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(_dir.Combine("nope.yaml"), _model));

        Assert.Contains("does not exist", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingKeyFileAndUser_AreReported()
    {
        var file = Write(Valid().Replace("keyFile: id_ed25519", "keyFile: missing_key", StringComparison.Ordinal).Replace("  user: root\n", "", StringComparison.Ordinal));

        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(file, _model));

        Assert.Contains(e.Problems, p => p.Contains("missing_key' does not exist", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("no SSH user", StringComparison.Ordinal));
    }

    private string Write(string yaml)
    {
        var path = _dir.Combine($"inventory-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Valid() => TestInventories.LabYaml();
}
