using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing;

/// <summary>
/// One rendered file: where publish writes it, which layer and component it belongs to, which machine
/// (or the cluster) it targets, and for host files where it goes on that machine.
/// </summary>
public sealed record Artifact
{
    /// <summary>The target of artifacts applied to the cluster rather than to one machine.</summary>
    public const string ClusterTarget = "cluster";

    /// <summary>The layer (1-10).</summary>
    public required PlatformLayer Layer { get; init; }

    /// <summary>The component, for example <c>haproxy</c> or <c>calico</c>.</summary>
    public required string Component { get; init; }

    /// <summary>A machine name, or <see cref="ClusterTarget"/>.</summary>
    public required string Target { get; init; }

    /// <summary>The path relative to the publish folder, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>The file content.</summary>
    public required string Content { get; init; }

    /// <summary>For host files: the absolute path on the machine.</summary>
    public string? HostPath { get; init; }

    /// <summary>For host files: the octal file mode on the machine.</summary>
    public string Mode { get; init; } = "0644";

    /// <summary>A file placed on one machine at <paramref name="hostPath"/>, published under <c>hosts/{machine}/</c>.</summary>
    public static Artifact ForHost(Machine machine, PlatformLayer layer, string component, string hostPath, string content, string mode = "0644")
    {
        if (!hostPath.StartsWith('/'))
        {
            throw new ArgumentException($"Host path '{hostPath}' must be absolute.", nameof(hostPath));
        }

        return new Artifact
        {
            Layer = layer,
            Component = component,
            Target = machine.Name,
            Path = $"hosts/{machine.Name}{hostPath}",
            Content = content,
            HostPath = hostPath,
            Mode = mode,
        };
    }

    /// <summary>A file applied to the cluster, published under <c>cluster/</c>.</summary>
    public static Artifact ForCluster(PlatformLayer layer, string component, string relativePath, string content) => new()
    {
        Layer = layer,
        Component = component,
        Target = ClusterTarget,
        Path = $"cluster/{relativePath.TrimStart('/')}",
        Content = content,
    };
}
