using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;

namespace Platform.Deployer.Steps;

/// <summary>
/// Everything a deployment reads, checked before anything is touched: the <c>Deploy</c> options, the inventory
/// path, the model (with the etcd source override) and the inventory bound to it. Every problem is reported at once.
/// </summary>
public sealed class DeploymentInput
{
    private DeploymentInput(PlatformModel model, DeploymentInventory inventory, DeploySettings settings)
    {
        Model = model;
        Inventory = inventory;
        Settings = settings;
    }

    /// <summary>The validated model.</summary>
    public PlatformModel Model { get; }

    /// <summary>The inventory bound to the model.</summary>
    public DeploymentInventory Inventory { get; }

    /// <summary>The options.</summary>
    public DeploySettings Settings { get; }

    /// <summary>The state folder's path (created when the run opens it).</summary>
    public string StatePath => Settings.State ?? Path.GetFullPath(StateFolder.DefaultPath(Model.Cluster.Name));

    /// <summary>Reads and checks the input; <paramref name="inventoryParameter"/> names the parameter in messages.</summary>
    /// <exception cref="DeployInputException">An option or the inventory path is wrong.</exception>
    /// <exception cref="InventoryException">The inventory is malformed or does not fit the model; the message names the field and the fix.</exception>
    /// <exception cref="Platform.Hosting.Validation.PlatformValidationException">The model is invalid.</exception>
    public static DeploymentInput Load(IEnumerable<IResource> resources, IConfiguration configuration, string? inventoryPath, string inventoryParameter = "inventory")
    {
        var problems = new List<string>();
        DeploySettings? settings = null;
        try
        {
            settings = DeploySettings.Read(configuration);
        }
        catch (DeployInputException e)
        {
            problems.AddRange(e.Problems);
        }

        var how = $"Pass the path of the inventory YAML: aspire deploy -- --Parameters:{inventoryParameter}=/path/to/inventory.yaml (or Parameters__{inventoryParameter}=/path/to/inventory.yaml).";
        if (string.IsNullOrWhiteSpace(inventoryPath))
        {
            problems.Add($"The parameter '{inventoryParameter}' is not set. {how}");
        }
        else if (inventoryPath.Any(char.IsControl) || !File.Exists(inventoryPath))
        {
            problems.Add($"Parameters:{inventoryParameter}: the file '{new string([.. inventoryPath.Select(c => char.IsControl(c) ? '?' : c)])}' does not exist. {how}");
        }

        if (problems.Count > 0)
        {
            throw new DeployInputException(problems);
        }

        var list = resources.ToList();
        EtcdSourceOverride.Apply(list, settings!.EtcdSource);
        var model = PlatformModel.Build(list);
        return new DeploymentInput(model, InventoryLoader.Load(Path.GetFullPath(inventoryPath!), model), settings);
    }

    /// <summary>The run options these settings make.</summary>
    public DeploymentOptions Options(bool dryRun) => new()
    {
        DryRun = dryRun,
        Parallelism = Settings.Parallel,
        AcceptNewHostKeys = Settings.AcceptNewHostKeys,
        KnownHosts = new KnownHostsFile(Settings.KnownHosts),
        Selection = Settings.Selection,
    };
}
