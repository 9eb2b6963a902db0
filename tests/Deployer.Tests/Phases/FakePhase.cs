using System.Collections.Concurrent;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;

namespace Platform.Deployer.Tests.Phases;

/// <summary>A tiny phase that records what the runner asks of it, for runner tests.</summary>
internal sealed class FakePhase(string name, Func<HostStep, CancellationToken, Task>? run = null, bool prerequisite = false) : Phase
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public string FingerprintValue { get; set; } = "v1";

    public Func<DeploymentContext, IEnumerable<DeployHost>>? Hosts { get; init; }

    public override string Name => name;

    public override string Title => $"Fake {name}";

    public override bool IsPrerequisite => prerequisite;

    public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => Hosts?.Invoke(context) ?? context.Hosts;

    public override Task PrepareAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        Calls.Enqueue("prepare");
        return Task.CompletedTask;
    }

    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"run {step.Host.Name}");
        if (run is not null)
        {
            await run(step, cancellationToken);
        }
    }

    public override Task FinishAsync(DeploymentContext context, CancellationToken cancellationToken)
    {
        Calls.Enqueue("finish");
        return Task.CompletedTask;
    }

    public override string Fingerprint(HostStep step) => FingerprintValue;
}
