namespace Aspire.Hosting.ApplicationModel;

/// <summary>The platform's roles (admin, developer, read-only) bound to identity-provider groups (layer 7).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class RbacResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Security;

    /// <summary>The group bindings.</summary>
    public IEnumerable<AccessGroupAnnotation> Groups => this.GetAnnotations<AccessGroupAnnotation>();
}
