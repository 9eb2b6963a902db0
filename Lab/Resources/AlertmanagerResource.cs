using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>The lab's Alertmanager, receiving the alerts of the lab's Prometheus; shown under the Prometheus resource.</summary>
/// <param name="name">The resource name.</param>
public sealed class AlertmanagerResource(string name) : Resource(name), IResourceWithWaitSupport;
