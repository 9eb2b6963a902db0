using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Lab.Machines;

namespace Platform.LabBenchmark;

/// <summary>
/// Starts the real AppHost in run mode, as <c>aspire run</c> does (through Aspire's testing builder), and times it
/// until every machine is Running and healthy and etcd and the API load balancer's VIP are healthy, as their health
/// checks see them: on the ready image, and in the same run on the base image (the install path, a fresh VM) as its peer.
/// </summary>
public static class LabBenchmarkRun
{
    /// <summary>How long one lab may take to be ready.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(10);

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

        Console.WriteLine("The AppHost (AppHost/Program.cs) in run mode: the machines lab of the production model, 8 machines and the lab router, " +
            "with the lab's defaults (etcd from the distribution, the Kubernetes phases skipped).");
        var results = images.ToDictionary(i => i, _ => new List<double>());
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var image in images)
            {
                Console.WriteLine($"run {run}, {Describe(image)} ({image}):");
                try
                {
                    results[image].Add(await TimeLabAsync(image, options.Verbose, cancel.Token));
                }
                catch (TimeoutException e)
                {
                    Console.Error.WriteLine($"  failed: {e.Message}");
                    return 1;
                }
            }
        }

        var line = $"lab ready: {Median(results[MachineImage.Ready])} s ({Describe(MachineImage.Ready)})";
        Console.WriteLine(options.Peer ? $"{line}   install path: {Median(results[MachineImage.Base])} s ({Describe(MachineImage.Base)})" : line);
        return 0;
    }

    /// <summary>One AppHost, from start until its lab is ready; stopping it removes the lab. Returns the seconds.</summary>
    private static async Task<double> TimeLabAsync(string image, bool verbose, CancellationToken cancellationToken)
    {
        var state = Directory.CreateTempSubdirectory("platform-lab-bench-");
        var clock = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReadyTimeout);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                [$"--Lab:Name=bench-{Guid.NewGuid():N}"[..20], $"--Lab:State={state.FullName}", $"--Lab:Image={image}",
                 // The figures, not the AppHost's own log (failing checks while the lab comes up are expected).
                 "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None"], timeout.Token);
            var machines = builder.Resources.OfType<MachineResource>().Select(m => m.Name).ToList();
            await using var app = await builder.BuildAsync(timeout.Token);
            var log = verbose ? PrintLabLogAsync(app, clock, timeout.Token) : Task.CompletedTask;
            await app.StartAsync(timeout.Token);

            async Task<double> HealthyAsync(string resource)
            {
                try
                {
                    await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{resource} was not healthy within {ReadyTimeout}; see the lab's console log (--verbose).");
                }

                return clock.Elapsed.TotalSeconds;
            }

            var machinesUp = Task.WhenAll(machines.Select(HealthyAsync));
            var etcd = HealthyAsync("etcd");
            var vip = HealthyAsync("api");
            double[] ready = [(await machinesUp).Max(), await etcd, await vip];
            var seconds = ready.Max();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {machines.Count} machines healthy {ready[0]:0.0} s, etcd healthy {ready[1]:0.0} s, VIP healthy {ready[2]:0.0} s → ready in {seconds:0.0} s"));
            return seconds;
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    /// <summary>The lab's console log (machines, each phase), each line with the seconds since the AppHost started.</summary>
    private static async Task PrintLabLogAsync(DistributedApplication app, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync("lab").WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0} s] {line.Content}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Describe(string image) => image == MachineImage.Ready ? "ready image" : "base image";

    /// <summary>The median, in whole seconds.</summary>
    private static string Median(List<double> runs) => Math.Round(runs.Order().ElementAt(runs.Count / 2)).ToString(CultureInfo.InvariantCulture);
}
