namespace Platform.Hosting.Publishing;

/// <summary>Turns the model into artifacts for one component. Renderers are pure: same context, same files.</summary>
public interface IArtifactRenderer
{
    /// <summary>Renders the component's artifacts; nothing when the component is not in the model.</summary>
    IEnumerable<Artifact> Render(RenderContext context);
}
