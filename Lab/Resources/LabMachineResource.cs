using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Resources;

/// <summary>
/// A machine only the lab runs, standing in for something production has elsewhere (the snapshot copy target, the
/// monitoring stack's host); shown under the resource it serves.
/// </summary>
/// <param name="name">The resource name.</param>
public sealed class LabMachineResource(string name) : Resource(name), IResourceWithWaitSupport;
