namespace Aspire.Hosting.ApplicationModel;

/// <summary>The NGINX ingress controller: retired in March 2026, selectable only at its final release (see <see cref="IngressNginxVersions"/>).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class IngressNginxResource(string name, KubernetesClusterResource parent) : IngressControllerResource(name, parent)
{
    /// <inheritdoc />
    public override string IngressClassName => "nginx";

    /// <inheritdoc />
    public override IReadOnlyList<int> WebContainerPorts { get; } = [80, 443];

    /// <inheritdoc />
    public override int? WebhookPort => 8443;
}
