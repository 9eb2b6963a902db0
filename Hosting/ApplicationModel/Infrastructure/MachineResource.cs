namespace Aspire.Hosting.ApplicationModel;

/// <summary>One machine of a pool (layer 1): a VM in production, a container that behaves like one in the lab.</summary>
/// <param name="name">The machine name, also its hostname (<c>{pool}-{index}</c>).</param>
/// <param name="index">Its 1-based position in the pool.</param>
/// <param name="parent">The pool it belongs to.</param>
public sealed class MachineResource(string name, int index, NodePoolResource parent) : PlatformResource(name), IResourceWithParent<NodePoolResource>
{
    /// <summary>Its 1-based position in the pool.</summary>
    public int Index { get; } = index;

    /// <summary>The pool it belongs to.</summary>
    public NodePoolResource Parent { get; } = parent;

    /// <summary>What the machine does (its pool's role).</summary>
    public NodeRole Role => Parent.Role;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Infrastructure;
}
