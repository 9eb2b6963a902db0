using Platform.Deployer.Phases;

namespace Platform.Deployer.Cli;

/// <summary>A live view of a run (the dashboard): it observes the run and is disposed when the run ends.</summary>
/// <param name="Observer">Receives the run's progress.</param>
/// <param name="Url">Where to look, printed at the start of the run.</param>
/// <param name="Lifetime">Stops the view.</param>
public sealed record DeploymentMonitor(IDeploymentObserver Observer, Uri Url, IAsyncDisposable Lifetime);
