namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// A validated, frozen platform model: what <see cref="IPlatformBuilder.Build"/> returns and what
/// every mode (run, publish, deploy) reads.
/// </summary>
public sealed class PlatformModel
{
    internal PlatformModel(IReadOnlyList<IResource> resources) => Resources = resources;

    /// <summary>Every resource, in the order the AppHost added it.</summary>
    public IReadOnlyList<IResource> Resources { get; }

    /// <summary>The one Kubernetes cluster of the platform.</summary>
    public KubernetesClusterResource Cluster => Single<KubernetesClusterResource>();

    /// <summary>The private network.</summary>
    public NetworkResource Network => Single<NetworkResource>();

    /// <summary>Every node pool (control plane, workers, load balancers).</summary>
    public IEnumerable<NodePoolResource> NodePools => OfType<NodePoolResource>();

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
