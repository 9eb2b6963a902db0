using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Platform.Deployer;
using Platform.Deployer.Hosts;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Platform.Deployer.Steps;
using Platform.Lab.Resources;
using Platform.Lab.Tests.Substrates;
using Platform.Testing;

namespace Platform.Lab.Tests.Security;

/// <summary>
/// A command that contains secrets and prints them fails on a real SSH server; the values then appear nowhere the
/// failure travels: the run's result and the pipeline's error, every observer, the dashboard's console logs and
/// states, and the Deployer's spans.
/// </summary>
public sealed class SecretLeakTests
{
    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task FailingCommandHoldingSecrets_TheValuesAreNowhere()
    {
        using var dir = new TempFolder();
        var state = new StateFolder(dir.Combine("state"));
        var store = new SecretStore(state);
        string[] secrets = [store.BootstrapToken, store.BootstrapToken.Split('.')[1], store.GrafanaAdminPassword, store.CertificateKey];
        await using var sshd = await LocalSshServer.StartAsync();
        await using var lab = new RecordedLab(DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.95"));
        var topology = lab.Model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", sshd.Port, "root", sshd.ClientKeyFile)));

        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Platform.Deployer",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // The command holds the secrets (as an argument would) and prints them on standard error, as a tool echoing its input does.
        var leaky = new LeakyPhase($"echo 'token={secrets[0]} password={secrets[2]} key={secrets[3]}' >&2; echo 'half={secrets[1]}'; exit 3");
        var recorder = new RecordingObserver();
        var dashboard = new LabDeploymentObserver(lab.Resources, lab.Model);
        var options = new DeploymentOptions { DryRun = false, KnownHosts = new KnownHostsFile(dir.Combine("known_hosts")), AcceptNewHostKeys = true };

        var result = await Deployment.RunAsync(lab.Model, inventory, state, options, new CompositeObserver(recorder, dashboard), CancellationToken.None, [new ConnectPhase(), leaky]);
        dashboard.UpdateResources();
        await Task.Delay(500); // the console-log watchers read asynchronously

        var failure = Assert.Single(result.Failures);
        Assert.Contains(SecretRedactor.Mask, failure.Error.Message, StringComparison.Ordinal); // the values were there, and were masked
        var places = new List<(string Where, string Text)>
        {
            ("failure", failure.Error.ToString()),
            ("pipeline error", new DeploymentFailedException(result.Failures, "aspire deploy").ToString()),
            ("observer", string.Join('\n', recorder.Lines)),
        };
        places.AddRange(lab.Model.Resources.Select(r => r.Name).Append("test-lab").Select(name => ($"dashboard log of {name}", string.Join('\n', lab.Logs(name)))));
        places.AddRange(lab.Model.Resources.Select(r => r.Name).Select(name => ($"dashboard state of {name}", lab.Notifications.TryGetCurrentState(name, out var e) ? $"{e.Snapshot.State?.Text} {string.Join(' ', e.Snapshot.Properties.Select(p => p.Value))}" : "")));
        places.AddRange(spans.Select(s => ($"span {s.DisplayName}", $"{s.StatusDescription} {string.Join(' ', s.TagObjects.Select(t => t.Value))} {string.Join(' ', s.Events.SelectMany(e => e.Tags.Select(t => t.Value)))}")));

        Assert.Contains(places, p => p.Where == "dashboard log of cp-1" && p.Text.Contains("FAILED", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Status == ActivityStatusCode.Error);
        var leaks = places.SelectMany(p => secrets.Where(s => p.Text.Contains(s, StringComparison.Ordinal)).Select(_ => p.Where)).ToList();
        Assert.True(leaks.Count == 0, $"secret values found in: {string.Join(", ", leaks)}");
    }

    [RequiresToolFact("sshd", "ssh-keygen")]
    public async Task SecretFile_OverRealSsh_IsPrivateWhileTheCommandRuns_AndGoneAfter_EvenOnFailure()
    {
        using var dir = new TempFolder();
        await using var sshd = await LocalSshServer.StartAsync();
        await using var lab = new RecordedLab(DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.95"));
        var topology = lab.Model.PlanTopology();
        var inventory = new DeploymentInventory(topology, topology.Machines.ToDictionary(m => m.Name, m => new SshEndpoint("127.0.0.1", sshd.Port, "root", sshd.ClientKeyFile)));
        var options = new DeploymentOptions { DryRun = false, KnownHosts = new KnownHostsFile(dir.Combine("known_hosts")), AcceptNewHostKeys = true };
        var seen = new ConcurrentQueue<string>();
        var phase = new CallbackPhase(async (step, ct) =>
        {
            var output = dir.Combine($"seen-{seen.Count}");
            foreach (var exit in new[] { 0, 7 })
            {
                try
                {
                    await step.RunWithSecretFileAsync($"stat -c '%a %s' \"$PLATFORM_SECRET_FILE\" > {Shell.Quote(output)}; cat \"$PLATFORM_SECRET_FILE\" >> {Shell.Quote(output)}; echo \"$PLATFORM_SECRET_FILE\" >> {Shell.Quote(output)}; exit {exit}", "s3cret-value-0123456789\n", ct);
                }
                catch (RemoteCommandException) when (exit != 0)
                {
                }

                seen.Enqueue(await File.ReadAllTextAsync(output, ct));
            }
        });

        var result = await Deployment.RunAsync(lab.Model, inventory, new StateFolder(dir.Combine("state")), options, new DeploymentObserver(), CancellationToken.None, [new ConnectPhase(), phase]);

        Assert.Empty(result.Failures);
        Assert.Equal(2, seen.Count);
        foreach (var text in seen)
        {
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("600 24", lines[0]);
            Assert.Equal("s3cret-value-0123456789", lines[1]);
            Assert.StartsWith("/run/platform-secret.", lines[2], StringComparison.Ordinal);
            Assert.False(File.Exists(lines[2]), $"{lines[2]} was left behind");
        }
    }

    private sealed class CallbackPhase(Func<HostStep, CancellationToken, Task> run) : Phase
    {
        public override string Name => "callback";

        public override string Title => "Runs the test's callback";

        public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => [context.Hosts.FirstControlPlane];

        public override Task RunAsync(HostStep step, CancellationToken cancellationToken) => run(step, cancellationToken);
    }

    private sealed class LeakyPhase(string command) : Phase
    {
        public override string Name => "leaky";

        public override string Title => "Runs a command that prints secrets";

        public override IEnumerable<DeployHost> SelectHosts(DeploymentContext context) => [context.Hosts.FirstControlPlane];

        public override Task RunAsync(HostStep step, CancellationToken cancellationToken)
            => step.ChangeAsync("run a command holding secrets", ct => step.RunAsync(command, ct), cancellationToken);
    }

    private sealed class RecordingObserver : DeploymentObserver
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public override void ChangeRecorded(Change change, bool applied) => Lines.Enqueue(change.ToString());

        public override void Warning(string host, IPhase phase, string message) => Lines.Enqueue(message);

        public override void HostFinished(IPhase phase, DeployHost host, TimeSpan duration, Exception? error) => Lines.Enqueue(error?.ToString() ?? "");
    }
}
