namespace Platform.Lab.Dashboard;

/// <summary>A platform layer as the dashboard lists it.</summary>
/// <param name="Number">The layer number, 1-10.</param>
/// <param name="Name">The layer name as serialized (<c>ControlPlane</c>).</param>
public sealed record DashboardLayer(int Number, string Name);
