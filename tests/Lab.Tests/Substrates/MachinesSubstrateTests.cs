using Platform.Lab.Machines;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;
using Platform.Testing;

namespace Platform.Lab.Tests.Substrates;

public sealed class MachinesSubstrateTests
{
    // The phases that need a Kubernetes package repository or registry, which these machines cannot reach.
    private static readonly string[] KubernetesPhases = ["kubernetes-packages", "init", "join-control-planes", "join-workers", "cni", "addons"];

    [RequiresMachinesFact("ssh-keygen")]
    public async Task Start_KeepThenReuseThenTeardown_DeploysOnceAdoptsTheKeptLabAndRemovesOnlyIt()
    {
        using var dir = new TempFolder();
        var name = $"t-mlab-{Guid.NewGuid():N}"[..14];
        var engine = MachineTestEnvironment.Engine;
        var model = DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.79").BuildModel();
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
            var first = new ResourceStateStore(model, new LabStatus(name, "machines", "", false));
            await using (var substrate = new MachinesSubstrate(options))
            {
                await substrate.StartAsync(first, timeout.Token);
                var readiness = await substrate.Readiness().WaitAsync(TimeSpan.FromSeconds(30), timeout.Token);
                Assert.True(readiness.IsReady, readiness.ToString()); // machines up, etcd healthy over TLS with the deployment's client certificate
                substrate.Keep();
            }

            Assert.Equal(3, await MachineLab.CountExistingAsync(engine, name)); // cp-1, worker-1 and the router
            Assert.Equal(ResourceState.Running, first.Find("cp-1")!.State);
            Assert.StartsWith("ssh://root@127.0.0.1:", Assert.Single(first.Find("worker-1")!.Endpoints).Url, StringComparison.Ordinal);
            Assert.Equal(ResourceState.Running, first.Find("etcd")!.State);
            Assert.Equal(ResourceState.NotInSubstrate, first.Find("lab")!.State); // the cluster: its phases were skipped
            Assert.Contains(first.DeployProgress, e => e is { Phase: "prepare", Host: "worker-1", Status: DeployStepStatus.Done, Changes: > 0 });
            Assert.Contains(first.Logs("cp-1")!, l => l.StartsWith("[etcd] changed:", StringComparison.Ordinal));

            var second = new ResourceStateStore(model, new LabStatus(name, "machines", "", false));
            await using (var substrate = new MachinesSubstrate(options with { Existing = ExistingLabPolicy.Reuse }))
            {
                await substrate.StartAsync(second, timeout.Token);
                Assert.Contains(progress, l => l.StartsWith($"Reusing the kept lab '{name}' (2 machines)", StringComparison.Ordinal));
                var prepare = second.DeployProgress.Where(e => e.Phase is "prepare" or "etcd").ToList();
                Assert.NotEmpty(prepare);
                Assert.All(prepare, e => Assert.True(e.Changes == 0 && e.Status is DeployStepStatus.Done or DeployStepStatus.Resumed, $"{e.Phase} {e.Host}: {e.Status}, {e.Changes} change(s)"));
            }

            Assert.Equal(0, await MachineLab.CountExistingAsync(engine, name));
        }
        finally
        {
            await MachineLab.RemoveExistingAsync(engine, name);
        }
    }
}
