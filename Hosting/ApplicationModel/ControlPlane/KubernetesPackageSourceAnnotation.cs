namespace Aspire.Hosting.ApplicationModel;

/// <summary>An apt repository to take Kubernetes packages from instead of pkgs.k8s.io (a mirror).</summary>
public sealed record KubernetesPackageSourceAnnotation : IResourceAnnotation
{
    /// <summary>The repository URL, laid out like https://pkgs.k8s.io/core:/stable:/v1.30/deb/.</summary>
    public required string Repository { get; init; }
}
