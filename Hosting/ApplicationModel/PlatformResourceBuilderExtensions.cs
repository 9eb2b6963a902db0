using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Pipeline;

namespace Aspire.Hosting;

/// <summary>What every platform resource gets when it is added: its dashboard row, its layer, its place in the tree.</summary>
public static class PlatformResourceBuilderExtensions
{
    /// <summary>The property that carries a resource's layer (1-10) in the dashboard and <c>aspire describe</c>.</summary>
    public const string LayerProperty = "platform.layer";

    /// <summary>
    /// Adds a platform resource: not started until a mode acts on it, nested under its parent, with its layer as a
    /// property and no manifest entry. The first one also registers the platform's validation and publish step.
    /// </summary>
    internal static IResourceBuilder<T> AddPlatformResource<T>(this IDistributedApplicationBuilder builder, T resource)
        where T : PlatformResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        PlatformPipeline.EnsureRegistered(builder);
        // Aspire nests an IResourceWithParent under its parent by itself.
        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = resource.TypeName,
                State = KnownResourceStates.NotStarted,
                Properties = [new ResourcePropertySnapshot(LayerProperty, LayerText(resource.Layer))],
            })
            .ExcludeFromManifest();
    }

    /// <summary>"3 ControlPlane": the number first, so the column sorts by layer.</summary>
    public static string LayerText(PlatformLayer layer) => $"{(int)layer} {layer}";
}
