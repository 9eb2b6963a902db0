namespace Aspire.Hosting.ApplicationModel;

/// <summary>cert-manager and its ClusterIssuer: TLS certificates for workloads and ingresses (layer 7).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class CertManagerResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Security;

    /// <summary>The cluster issuers.</summary>
    public IEnumerable<ClusterIssuerAnnotation> Issuers => this.GetAnnotations<ClusterIssuerAnnotation>();
}
