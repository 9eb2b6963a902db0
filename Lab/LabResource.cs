namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The local lab that runs the platform in <c>aspire run</c>: its row shows the substrate, the progress of
/// bringing the platform up, and whether it is ready. Run mode only; publish and deploy ignore it.
/// </summary>
/// <param name="name">The resource name (default <c>lab</c>).</param>
public sealed class LabResource(string name) : Resource(name)
{
    /// <summary>The health check key that reports whether the lab finished coming up.</summary>
    public string ReadyCheckName => $"{Name}_ready";
}
