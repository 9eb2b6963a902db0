using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Hosting.Tests.Publishing.Renderers;

/// <summary>Renders a model for publish and finds artifacts by machine and path.</summary>
internal sealed class RenderedArtifacts(IReadOnlyList<Artifact> artifacts)
{
    public IReadOnlyList<Artifact> All { get; } = artifacts;

    public static RenderedArtifacts Of(IDistributedApplicationBuilder builder) => Of(RenderContext.ForPublish(builder.BuildModel()));

    public static RenderedArtifacts Of(RenderContext context) => new(ArtifactRenderers.RenderAll(context));

    public Artifact Host(string machine, string hostPath)
        => All.SingleOrDefault(a => a.Target == machine && a.HostPath == hostPath)
           ?? throw new InvalidOperationException($"No artifact {hostPath} for {machine}. Have: {string.Join(", ", All.Where(a => a.Target == machine).Select(a => a.HostPath))}");

    public Artifact Cluster(string relativePath) => All.Single(a => a.Path == "cluster/" + relativePath);

    public IEnumerable<Artifact> OfComponent(string component) => All.Where(a => a.Component == component);

    /// <summary>Writes a host artifact to a folder, returning its path there.</summary>
    public static string WriteTo(string directory, Artifact artifact, string? name = null)
    {
        var path = Path.Combine(directory, name ?? Path.GetFileName(artifact.HostPath ?? artifact.Path));
        File.WriteAllText(path, artifact.Content);
        return path;
    }
}
