namespace Platform.Hosting.ApplicationModel;

/// <summary>A resource that belongs to another, such as a subnet to its network or an add-on to its cluster.</summary>
/// <typeparam name="TParent">The parent resource type.</typeparam>
public interface IResourceWithParent<out TParent> : IResource
    where TParent : IResource
{
    /// <summary>The owning resource.</summary>
    TParent Parent { get; }
}
