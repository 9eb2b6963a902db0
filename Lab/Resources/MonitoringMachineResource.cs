using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>The lab-only machine that runs Prometheus and Alertmanager; shown under the Prometheus resource.</summary>
/// <param name="name">The resource name.</param>
public sealed class MonitoringMachineResource(string name) : Resource(name), IResourceWithWaitSupport;
