namespace Aspire.Hosting.ApplicationModel;

/// <summary>metrics-server, the resource-metrics API that HPAs and <c>kubectl top</c> read (layer 9).</summary>
/// <param name="name">The resource name.</param>
/// <param name="parent">The cluster.</param>
public sealed class MetricsServerResource(string name, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Availability;
}
