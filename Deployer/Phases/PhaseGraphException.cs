using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>The phase graph is broken: a duplicate name, a dependency on an unknown phase, or a cycle.</summary>
public sealed class PhaseGraphException(string message) : PlatformException(message);
