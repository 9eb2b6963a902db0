namespace Aspire.Hosting.ApplicationModel;

/// <summary>A group of identical machines with one role (layer 1).</summary>
/// <param name="name">The pool name; machines are named <c>{name}-1</c>, <c>{name}-2</c>, ...</param>
/// <param name="role">What the machines do.</param>
/// <param name="parent">The cluster the pool serves.</param>
public sealed class NodePoolResource(string name, NodeRole role, KubernetesClusterResource parent)
    : PlatformResource(name), IResourceWithParent<KubernetesClusterResource>
{
    /// <summary>What the machines of this pool do.</summary>
    public NodeRole Role { get; } = role;

    /// <inheritdoc />
    public KubernetesClusterResource Parent { get; } = parent;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Infrastructure;

    /// <summary>The number of machines.</summary>
    public int Count => this.GetRequiredAnnotation<NodeCountAnnotation>().Count;

    /// <summary>The size of each machine.</summary>
    public MachineSize Size => this.TryGetLastAnnotation<MachineSizeAnnotation>(out var size) ? size.Size : MachineSize.Medium;

    /// <summary>The subnet the machines get their addresses from.</summary>
    public SubnetResource Subnet => this.GetRequiredAnnotation<SubnetPlacementAnnotation>().Subnet;
}
