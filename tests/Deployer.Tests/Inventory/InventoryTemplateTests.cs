using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Inventory;
using Platform.Testing;

namespace Platform.Deployer.Tests.Inventory;

public sealed class InventoryTemplateTests
{
    [Fact]
    public void Render_ProductionModel_LoadsAsAnInventoryOfEveryPlannedMachine()
    {
        using var dir = new TempFolder();
        var key = dir.Combine("id_ed25519");
        File.WriteAllText(key, "not a real key: the loader only checks that the file exists");
        var model = TestModels.Production().BuildModel();
        var file = dir.Combine(InventoryTemplate.FileName);
        File.WriteAllText(file, InventoryTemplate.Render(model, keyFile: "id_ed25519"));

        var inventory = InventoryLoader.Load(file, model);

        Assert.Equal(model.PlanTopology().Machines.Select(m => (m.Name, m.Role, m.Pool, m.Subnet, m.Address.ToString())),
            inventory.Topology.Machines.Select(m => (m.Name, m.Role, m.Pool, m.Subnet, m.Address.ToString())));
        Assert.All(inventory.Endpoints.Values, e => Assert.Equal(("ubuntu", 22, key), (e.User, e.Port, e.KeyFile)));
    }

    [Fact]
    public void Render_ExplainsEachPoolAndTheOptionalFields()
    {
        var text = InventoryTemplate.Render(TestModels.Production().BuildModel());

        Assert.Contains("# pool 'cp': 3 control-plane machine(s) in subnet 'control-plane-net' (10.20.1.0/24)", text, StringComparison.Ordinal);
        Assert.Contains("# pool 'lb': 2 load-balancer machine(s) in subnet 'load-balancer-net' (10.20.3.0/24)", text, StringComparison.Ordinal);
        Assert.Contains("keyFile: ~/.ssh/id_ed25519", text, StringComparison.Ordinal);
        Assert.Equal(8, text.Split('\n').Count(l => l.TrimStart().StartsWith("# sshHost:", StringComparison.Ordinal)));
        Assert.Equal(8, text.Split('\n').Count(l => l.TrimStart().StartsWith("# interface:", StringComparison.Ordinal)));
    }
}
