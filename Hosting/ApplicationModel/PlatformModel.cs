using Platform.Hosting.Validation;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The platform resources of an app model, validated: what every mode (run, publish, deploy) reads.
/// </summary>
public sealed class PlatformModel
{
    private PlatformModel(IReadOnlyList<PlatformResource> resources) => Resources = resources;

    /// <summary>Every platform resource, in the order the AppHost added it.</summary>
    public IReadOnlyList<PlatformResource> Resources { get; }

    /// <summary>The one Kubernetes cluster of the platform.</summary>
    public KubernetesClusterResource Cluster => Single<KubernetesClusterResource>();

    /// <summary>The private network.</summary>
    public NetworkResource Network => Single<NetworkResource>();

    /// <summary>Every node pool (control plane, workers, load balancers).</summary>
    public IEnumerable<NodePoolResource> NodePools => OfType<NodePoolResource>();

    /// <summary>Validates the platform resources among <paramref name="resources"/> (an app model's or a builder's).</summary>
    /// <exception cref="PlatformValidationException">The model has one or more errors; all are listed.</exception>
    public static PlatformModel Build(IEnumerable<IResource> resources)
    {
        var model = new PlatformModel(resources.OfType<PlatformResource>().ToArray());
        var errors = PlatformValidator.Validate(model);
        return errors.Count == 0 ? model : throw new PlatformValidationException(errors);
    }

    /// <summary>Validates the platform resources a builder holds so far.</summary>
    /// <exception cref="PlatformValidationException">The model has one or more errors; all are listed.</exception>
    public static PlatformModel Build(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Build(builder.Resources);
    }

    /// <summary>The resources of one type.</summary>
    public IEnumerable<T> OfType<T>() => Resources.OfType<T>();

    /// <summary>The only resource of a type, if present.</summary>
    public T? Find<T>() where T : class, IResource => Resources.OfType<T>().SingleOrDefault();

    /// <summary>The only resource of a type; throws naming the missing type and how to add it.</summary>
    public T Single<T>() where T : class, IResource
        => Find<T>() ?? throw new PlatformModelException(
            $"The model has no {typeof(T).Name.Replace("Resource", "", StringComparison.Ordinal)}. Add one in AppHost/Program.cs.");

    /// <summary>Plans one machine per pool member with addresses taken from each pool's subnet.</summary>
    public PlatformTopology PlanTopology() => PlatformTopology.Plan(this);
}
