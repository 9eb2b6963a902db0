using Aspire.Hosting.ApplicationModel;
using Platform.Deployer.State;
using Platform.Lab.Health;
using Platform.Lab.Machines;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;
using Platform.Testing;

namespace Platform.Lab.Tests.Substrates;

public sealed class MachinesSubstrateTests
{
    // The phases that need a Kubernetes package repository or registry, which these machines cannot reach.
    private static readonly string[] KubernetesPhases = ["kubernetes-packages", "init", "api-server-etcd", "join-control-planes", "join-workers", "cni", "addons"];

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Start_KeepThenReuseThenTeardown_DeploysOnceAdoptsTheKeptLabAndRemovesOnlyIt()
    {
        using var dir = new TempFolder();
        var name = $"t-mlab-{Guid.NewGuid():N}"[..14];
        var engine = MachineTestEnvironment.Engine;
        await using var first = new RecordedLab(DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.79"));
        await using var second = new RecordedLab(DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.79"));
        var model = first.Model;
        var progress = new List<string>();
        var options = new LabOptions
        {
            Model = model,
            Name = name,
            Engine = engine,
            StateDirectory = dir.Combine("state"),
            SkipPhases = KubernetesPhases,
            Progress = line => { lock (progress) { progress.Add(line); } },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try
        {
            await using (var substrate = new MachinesSubstrate(options))
            {
                await substrate.StartAsync(first.Resources, timeout.Token);
                using var probe = EtcdHealthProbe.For(new StateFolder(substrate.DeployStatePath))!;
                var (healthy, detail) = await probe.CheckAsync(System.Net.IPAddress.Parse("10.79.1.11"), timeout.Token);
                Assert.True(healthy, detail); // etcd answers over TLS with the deployment's client certificate
                substrate.Keep();
            }

            Assert.Equal(3, await MachineLab.CountExistingAsync(engine, name)); // cp-1, worker-1 and the router
            Assert.Equal(KnownResourceStates.Running, first.State("cp-1"));
            Assert.Contains(first.Urls("worker-1"), u => u.StartsWith("ssh://root@127.0.0.1:", StringComparison.Ordinal));
            Assert.Equal(KnownResourceStates.Running, first.State("etcd"));
            Assert.Equal(LabResources.NotInLabState, first.State("lab")); // the cluster: its phases were skipped
            Assert.Contains(first.Logs("test-lab"), l => l.Contains("kubernetes-packages skipped", StringComparison.Ordinal));
            Assert.Contains(first.Logs("worker-1"), l => l.StartsWith("[prepare] done in", StringComparison.Ordinal) && !l.EndsWith(" 0 change(s)", StringComparison.Ordinal));
            Assert.Contains(first.Logs("cp-1"), l => l.StartsWith("[etcd] changed:", StringComparison.Ordinal));

            await using (var substrate = new MachinesSubstrate(options with { Existing = ExistingLabPolicy.Reuse }))
            {
                await substrate.StartAsync(second.Resources, timeout.Token);
                Assert.Contains(progress, l => l.StartsWith($"Reusing the kept lab '{name}' (2 machines)", StringComparison.Ordinal));
                var done = second.Logs("cp-1").Concat(second.Logs("worker-1")).Where(l => l.StartsWith("[prepare] done", StringComparison.Ordinal) || l.StartsWith("[etcd] done", StringComparison.Ordinal)).ToList();
                Assert.Equal(3, done.Count); // prepare on both, etcd on cp-1
                Assert.All(done, l => Assert.EndsWith(" 0 change(s)", l, StringComparison.Ordinal));
                Assert.Equal(KnownResourceStates.Running, second.State("etcd"));
            }

            Assert.Equal(0, await MachineLab.CountExistingAsync(engine, name));
        }
        finally
        {
            await MachineLab.RemoveExistingAsync(engine, name);
        }
    }
}
