using k8s;
using k8s.Models;

namespace Platform.Hosting.Publishing.Models;

/// <summary>A custom resource with a typed spec, serialized by KubernetesClient's YAML like its own V1 models.</summary>
/// <typeparam name="TSpec">The spec type.</typeparam>
public abstract class CustomResource<TSpec> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>
    where TSpec : new()
{
    /// <summary>Creates the object with its apiVersion and kind.</summary>
    protected CustomResource(string apiVersion, string kind)
    {
        ApiVersion = apiVersion;
        Kind = kind;
    }

    /// <inheritdoc />
    public string ApiVersion { get; set; }

    /// <inheritdoc />
    public string Kind { get; set; }

    /// <inheritdoc />
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    public TSpec Spec { get; set; } = new();
}
