using Platform.Lab.Resources;

namespace Platform.Lab.Dashboard;

/// <summary>What the dashboard's endpoints serve: the live state, the artifacts, the token, and the stop signal.</summary>
/// <param name="Store">The live state.</param>
/// <param name="Artifacts">The published artifacts.</param>
/// <param name="Token">The login token.</param>
/// <param name="Stopping">Fires when the server stops, ending event streams.</param>
internal sealed record DashboardContext(ResourceStateStore Store, ArtifactCatalog Artifacts, string Token, CancellationToken Stopping);
