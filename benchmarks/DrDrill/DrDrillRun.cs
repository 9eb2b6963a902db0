using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Deployer.Etcd;
using Platform.Lab;
using Platform.Lab.Machines;

namespace Platform.DrDrill;

/// <summary>
/// Starts the real AppHost in run mode (the production model's machines lab, as <c>aspire run</c> does), waits until etcd
/// is healthy, then runs the Deployer library's DR drill on its three control planes, through the lab's backup target,
/// and prints <c>dr drill: restored K/K keys, 0 extra, recovery N s</c>. Stopping the AppHost removes the lab.
/// </summary>
public static class DrDrillRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>Runs the drill; 0 when everything came back and nothing later survived.</summary>
    public static async Task<int> RunAsync(DrDrillOptions options)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var engine = await ContainerEngine.DiscoverAsync(cancel.Token);
        if (!await MachineImage.ExistsAsync(engine, MachineImage.Ready, cancel.Token))
        {
            Console.Error.WriteLine($"The machine image {MachineImage.Ready} is missing from {engine}. Build it with: sudo scripts/build-machine-image.sh");
            return 2;
        }

        var state = Directory.CreateTempSubdirectory("platform-dr-drill-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
                [$"--Lab:Name=drill-{Guid.NewGuid():N}"[..20], $"--Lab:State={state.FullName}",
                 "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None"], cancel.Token);
            await using var app = await builder.BuildAsync(cancel.Token);
            await app.StartAsync(cancel.Token);
            await app.ResourceNotifications.WaitForResourceAsync("etcd", e => e.Snapshot.HealthStatus == HealthStatus.Healthy, cancel.Token);
            Console.WriteLine($"The AppHost's machines lab is up: etcd healthy on its 3 control planes; drilling with {options.Keys} keys.");
            var scope = app.Services.GetRequiredService<LabLifecycle>().MachinesSubstrate?.OperationScope(line => { if (options.Verbose) { Console.WriteLine("  " + line); } })
                ?? throw new InvalidOperationException("The lab is not a machines lab.");
            var result = await EtcdDrDrill.RunAsync(scope, options.Keys, cancel.Token);
            Console.WriteLine($"  snapshot {result.Snapshot}; {result.HealthyMembers}/{result.Members} members healthy afterwards");
            Console.WriteLine(result.Line);
            return result.Passed ? 0 : 1;
        }
        catch (EtcdOperationException e)
        {
            Console.Error.WriteLine($"The drill failed: {e.Message}");
            return 1;
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }
}
