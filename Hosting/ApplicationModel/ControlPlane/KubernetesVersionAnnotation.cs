namespace Aspire.Hosting.ApplicationModel;

/// <summary>The Kubernetes release the cluster runs.</summary>
public sealed record KubernetesVersionAnnotation : IResourceAnnotation
{
    /// <summary>A version without the leading v, for example <c>1.30.3</c>.</summary>
    public required string Version { get; init; }
}
