using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Lab.Resources;
using Platform.Lab.Substrates;

namespace Platform.LabBenchmark;

/// <summary>
/// Starts the production model's machines lab with the lab's own code (machines, then the Deployer's host phases)
/// and times it until <see cref="LabReadiness"/> passes: on the ready image, and in the same run on the base image
/// (the install path, a fresh VM) as its peer.
/// </summary>
public static class LabBenchmarkRun
{
    /// <summary>The phases that need a Kubernetes package repository or registry, which lab machines cannot reach.</summary>
    private static readonly string[] KubernetesPhases = ["kubernetes-packages", "init", "join-control-planes", "join-workers", "cni", "addons"];

    /// <summary>How long readiness may take once the Deployer has finished.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static async Task<int> RunAsync(LabBenchmarkOptions options)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var engine = await ContainerEngine.DiscoverAsync(cancel.Token);
        var images = options.Peer ? new[] { MachineImage.Ready, MachineImage.Base } : [MachineImage.Ready];
        foreach (var image in images.Where(i => !MachineImage.ExistsAsync(engine, i, cancel.Token).GetAwaiter().GetResult()))
        {
            Console.Error.WriteLine($"The machine image {image} is missing from {engine}. Build it with: sudo scripts/build-machine-image.sh");
            return 2;
        }

        var model = await ProductionModel.LoadAsync(EtcdSource.DistroPackage, cancel.Token);
        var topology = model.PlanTopology();
        Console.WriteLine($"Production model (AppHost/Program.cs): {topology.Machines.Count} machines ({topology.ControlPlanes.Count()} control planes, {topology.Workers.Count()} workers, " +
            $"{topology.LoadBalancers.Count()} load balancers) and the lab router; etcd from the distribution; skipping {string.Join(',', KubernetesPhases)}.");

        var results = images.ToDictionary(i => i, _ => new List<LabTimeline>());
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var image in images)
            {
                Console.WriteLine($"run {run}, {Describe(image)} ({image}):");
                try
                {
                    var timeline = await TimeLabAsync(model, engine, image, options, cancel.Token);
                    results[image].Add(timeline);
                    Console.WriteLine($"  {timeline} → ready in {timeline.ReadySeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
                }
                catch (PlatformException e)
                {
                    Console.Error.WriteLine($"  failed: {e.Message}");
                    return 1;
                }
            }
        }

        var line = $"lab ready: {Seconds(results[MachineImage.Ready])} s ({Describe(MachineImage.Ready)})";
        Console.WriteLine(options.Peer ? $"{line}   install path: {Seconds(results[MachineImage.Base])} s ({Describe(MachineImage.Base)})" : line);
        return 0;
    }

    /// <summary>One lab, from nothing to ready, then torn down.</summary>
    private static async Task<LabTimeline> TimeLabAsync(PlatformModel model, Uri engine, string image, LabBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var state = Directory.CreateTempSubdirectory("platform-lab-bench-");
        var timeline = new LabTimeline(options.Verbose);
        var labOptions = new LabOptions
        {
            Model = model,
            Name = $"bench-{Guid.NewGuid():N}"[..14],
            Engine = engine,
            StateDirectory = state.FullName,
            Existing = ExistingLabPolicy.Replace,
            SkipPhases = KubernetesPhases,
            Image = image,
            DeploymentObserver = timeline,
            Progress = timeline.Line,
        };
        try
        {
            await using var substrate = new MachinesSubstrate(labOptions);
            timeline.Start();
            await substrate.StartAsync(new ResourceStateStore(model, new LabStatus(labOptions.Name, "machines", "starting", Ready: false)), cancellationToken);
            var report = await substrate.Readiness().WaitAsync(ReadyTimeout, cancellationToken);
            if (!report.IsReady)
            {
                throw new PlatformException($"Lab {labOptions.Name} was not ready {ReadyTimeout} after the Deployer finished: {report}");
            }

            timeline.Ready();
            return timeline;
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static string Describe(string image) => image == MachineImage.Ready ? "ready image" : "base image";

    /// <summary>The median, in whole seconds.</summary>
    private static string Seconds(List<LabTimeline> runs)
        => Math.Round(runs.Select(r => r.ReadySeconds).Order().ElementAt(runs.Count / 2)).ToString(CultureInfo.InvariantCulture);
}
