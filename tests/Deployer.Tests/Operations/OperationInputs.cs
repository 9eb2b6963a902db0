using Microsoft.Extensions.Configuration;
using Platform.Deployer.Inventory;
using Platform.Deployer.Steps;
using Platform.Testing;

namespace Platform.Deployer.Tests.Operations;

/// <summary>The checked input of a node operation for the test model (3 control planes, 2 workers, 2 load balancers), from an inventory file the template writes.</summary>
internal static class OperationInputs
{
    /// <summary>The input with these Deploy:* options; the state folder and inventory live in <paramref name="dir"/>.</summary>
    public static DeploymentInput Create(TempFolder dir, params (string Key, string Value)[] options)
    {
        var model = DeployerTestModels.Lab();
        File.WriteAllText(dir.Combine("id_ed25519"), "not a key: the loader only checks the file exists");
        var inventory = dir.Combine(InventoryTemplate.FileName);
        File.WriteAllText(inventory, InventoryTemplate.Render(model.BuildModel(), keyFile: "id_ed25519"));
        var settings = new Dictionary<string, string?> { ["Deploy:State"] = dir.Combine("state"), ["Deploy:KnownHosts"] = dir.Combine("known_hosts") };
        foreach (var (key, value) in options)
        {
            settings[$"Deploy:{key}"] = value;
        }

        return DeploymentInput.Load(model.Resources, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), inventory);
    }
}
