namespace Platform.Lab.Dashboard;

/// <summary>One published artifact as the dashboard lists it: where it belongs, without its content.</summary>
/// <param name="Layer">The layer number, 1-10.</param>
/// <param name="LayerName">The layer name (<c>ControlPlane</c>).</param>
/// <param name="Component">The component, for example <c>haproxy</c>.</param>
/// <param name="Target">A machine name, or <c>cluster</c>.</param>
/// <param name="Path">The path relative to the publish folder; the key for its content.</param>
public sealed record DashboardArtifactEntry(int Layer, string LayerName, string Component, string Target, string Path);
