using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Platform.Deployer.Inventory;

namespace Platform.Deployer.Steps;

/// <summary><c>aspire do inventory-template [-o DIR]</c>: writes a commented inventory skeleton that matches the model.</summary>
internal static class InventoryTemplateStep
{
    /// <summary>The step's name.</summary>
    public const string Name = "inventory-template";

    /// <summary>The step's action; an existing inventory is never overwritten.</summary>
    public static async Task RunAsync(PipelineStepContext context)
    {
        var model = PlatformModel.Build(context.Model.Resources);
        var folder = Path.GetFullPath(context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory());
        var file = Path.Combine(folder, InventoryTemplate.FileName);
        if (File.Exists(file))
        {
            throw new InventoryException(file, [$"It already exists and is left as it is. Move it, or write the template elsewhere: aspire do {Name} -o <folder>."]);
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(file, InventoryTemplate.Render(model), context.CancellationToken).ConfigureAwait(false);
        var machines = model.PlanTopology().Machines.Count;
        context.Summary.Add("Inventory template", $"{file}: {machines} machines in {model.NodePools.Count()} pools. Fill in each address and the SSH settings, then: aspire do plan -- --Parameters:inventory={file}");
    }
}
