namespace Aspire.Hosting.ApplicationModel;

/// <summary>Chooses kube-proxy's mode.</summary>
public sealed record KubeProxyModeAnnotation : IResourceAnnotation
{
    /// <summary>The mode.</summary>
    public required KubeProxyMode Mode { get; init; }
}
