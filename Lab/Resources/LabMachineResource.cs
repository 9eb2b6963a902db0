using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>The lab-only machine that stands in for the model's snapshot copy target; shown under the snapshots resource.</summary>
/// <param name="name">The resource name.</param>
public sealed class BackupTargetResource(string name) : Resource(name), IResourceWithWaitSupport;
