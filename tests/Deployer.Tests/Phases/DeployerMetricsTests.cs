using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Deployer.Tests.Phases;

public class DeployerMetricsTests : IDisposable
{
    // Unique phase names: other tests record on the same static meter and source at the same time.
    private readonly string _ok = $"metered-{Guid.NewGuid():N}"[..16];
    private readonly string _broken = $"broken-{Guid.NewGuid():N}"[..15];
    private readonly TempFolder _dir = new();
    private readonly PlatformModel _model = DeployerTestModels.Lab().BuildModel();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Apply_RecordsPhaseAndHostDurations_ChangesAndFailures_AndASpanPerPhaseAndHost()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == PlatformTelemetry.Meter && instrument.Name.StartsWith("platform.deployer.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Keep(i, v, tags));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Keep(i, v, tags));
        meters.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s == PlatformTelemetry.Deployer,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);

        var ok = new FakePhase(_ok, (step, ct) => step.ChangeAsync("touch", _ => Task.CompletedTask, ct)) { Hosts = c => c.Hosts.ControlPlanes };
        var broken = new FakePhase(_broken, (step, _) => step.Host.Name == "lb-2" ? throw new SshConnectionException("lb-2", "root@127.0.0.1:22", "connection lost", retryable: true) : Task.CompletedTask) { Hosts = c => c.Hosts.LoadBalancers };
        await RunAsync(ok, broken);
        meters.RecordObservableInstruments();

        var phaseDurations = Of(DeployerMetrics.PhaseDurationName);
        Assert.Equal("succeeded", Assert.Single(phaseDurations, m => Equals(m.Tags["phase"], _ok)).Tags["outcome"]);
        Assert.Equal("failed", Assert.Single(phaseDurations, m => Equals(m.Tags["phase"], _broken)).Tags["outcome"]);
        Assert.Equal(["cp-1", "cp-2", "cp-3"], Of(DeployerMetrics.HostStepDurationName).Where(m => Equals(m.Tags["phase"], _ok)).Select(m => (string)m.Tags["host"]!).Order(StringComparer.Ordinal));
        var changes = Of(DeployerMetrics.ChangesName).Where(m => Equals(m.Tags["phase"], _ok)).ToList();
        Assert.Equal(3, changes.Sum(m => m.Value));
        Assert.All(changes, m => Assert.Equal(true, m.Tags["applied"]));
        var failure = Assert.Single(Of(DeployerMetrics.FailuresName), m => Equals(m.Tags["phase"], _broken));
        Assert.Equal(("lb-2", true), ((string)failure.Tags["host"]!, (bool)failure.Tags["retryable"]!));

        Assert.Single(spans, s => s.DisplayName == $"phase {_ok}" && s.GetTagItem("platform.changes") is 3);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans, s => s.DisplayName == $"phase {_broken}").Status);
        var hostSpan = Assert.Single(spans, s => s.DisplayName == $"{_broken} lb-2");
        Assert.Equal((ActivityStatusCode.Error, "lb-2", "LoadBalancer"), (hostSpan.Status, hostSpan.GetTagItem("platform.host"), hostSpan.GetTagItem("platform.role")));
        Assert.Equal(3, spans.Count(s => s.DisplayName.StartsWith($"{_ok} cp-", StringComparison.Ordinal)));
        var phaseSpan = Assert.Single(spans, s => s.DisplayName == $"phase {_ok}");
        Assert.Contains(spans, s => s.DisplayName == "deploy apply" && s.SpanId == phaseSpan.ParentSpanId);
        Assert.All(spans.Where(s => s.DisplayName.StartsWith($"{_ok} cp-", StringComparison.Ordinal)), s => Assert.Equal(phaseSpan.SpanId, s.ParentSpanId));

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string name) => measurements.Where(m => m.Instrument == name).ToList();

        void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            measurements.Enqueue((instrument.Name, value, map));
        }
    }

    private async Task RunAsync(params IPhase[] phases)
    {
        var topology = _model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", 22, "root", "/dev/null")));
        var options = new DeploymentOptions { DryRun = false, KnownHosts = new KnownHostsFile(_dir.Combine("known_hosts")) };
        await Deployment.RunAsync(_model, inventory, new StateFolder(_dir.Combine("state")), options, new DeploymentObserver(), PhaseGraph.Create([new(phases[0]), new(phases[1])]), CancellationToken.None);
    }
}
