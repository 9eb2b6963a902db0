namespace Aspire.Hosting.ApplicationModel;

/// <summary>OIDC login for people: the API server trusts tokens from this issuer (layer 7).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class OidcResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Security;

    /// <summary>The issuer and claim settings.</summary>
    public OidcIssuerAnnotation Issuer => this.GetRequiredAnnotation<OidcIssuerAnnotation>();
}
