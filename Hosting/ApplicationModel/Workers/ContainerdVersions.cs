namespace Aspire.Hosting.ApplicationModel;

/// <summary>containerd comes from the distribution (Ubuntu 24.04 ships 1.7); Kubernetes 1.30 needs CRI v1, so 1.6 or newer.</summary>
public static class ContainerdVersions
{
    /// <summary>The package name.</summary>
    public const string Package = "containerd";

    /// <summary>The oldest minor line accepted when the Deployer checks facts.</summary>
    public static Version Minimum { get; } = new(1, 6);
}
