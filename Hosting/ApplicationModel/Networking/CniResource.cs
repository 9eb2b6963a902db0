namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pod network (layer 5): Calico by default, Flannel as the alternative.</summary>
/// <param name="name">The resource name.</param>
/// <param name="plugin">Which CNI.</param>
/// <param name="parent">The cluster.</param>
public sealed class CniResource(string name, CniPlugin plugin, KubernetesClusterResource parent) : AddOnResource(name, parent)
{
    /// <summary>Which CNI plugin.</summary>
    public CniPlugin Plugin { get; } = plugin;

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.Networking;

    /// <inheritdoc />
    public override string TypeName => Plugin.ToString();
}
