using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Lab;

/// <summary>
/// The real AppHost (Projects.AppHost, the production model) started with Aspire.Hosting.Testing in run mode:
/// the machines lab comes up as Aspire resources. One lab per test class; disposing it stops the AppHost, which
/// removes what the lab started.
/// </summary>
public sealed class ProductionLab : IAsyncLifetime
{
    /// <summary>How long the lab may take to be up, on a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(12);

    private readonly TempFolder _state = new("aspire-lab");

    /// <summary>The lab's name: the label on everything it starts.</summary>
    public string Name { get; } = $"t-aspire-{Guid.NewGuid():N}"[..17];

    /// <summary>The lab's state folder (SSH key, the Deployer's PKI and journal).</summary>
    public string StateDirectory => _state.Combine("state");

    /// <summary>The running AppHost.</summary>
    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Extra AppHost arguments (e.g. Lab:Skip) for classes that need another lab.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Runs the Aspire dashboard too (off by default in tests).</summary>
    public bool EnableDashboard { get; init; }

    /// <summary>
    /// Only the machines (every phase skipped): for tests about the lab and the dashboard themselves, not what is deployed.
    /// </summary>
    public static readonly string MachinesOnly = "--Lab:Skip=prepare,etcd,load-balancer,kubernetes-packages,init,api-server-etcd,join-control-planes,join-workers,cni,addons,verify";

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = EnableDashboard },
            [$"--Lab:Name={Name}", $"--Lab:State={StateDirectory}", .. Arguments], timeout.Token);
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync("lab", timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Lab {Name} was not healthy within {StartTimeout}: {Describe("lab")}");
        }
    }

    /// <summary>A resource's current state, health and last detail, for assertion messages.</summary>
    public string Describe(string resource)
        => App.ResourceNotifications.TryGetCurrentState(resource, out var e)
            ? $"{resource}: {e.Snapshot.State?.Text}, health {e.Snapshot.HealthStatus}, {string.Join("; ", e.Snapshot.HealthReports.Select(r => $"{r.Name}={r.Status} {r.Description}"))}, {e.Snapshot.Properties.FirstOrDefault(p => p.Name == "platform.detail")?.Value}"
            : $"{resource}: no state";

    /// <summary>Waits (2 minutes at most) until <paramref name="resource"/>'s state matches; the timeout says where it is.</summary>
    public async Task<ResourceEvent> WaitAsync(string resource, Func<ResourceEvent, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            return await App.ResourceNotifications.WaitForResourceAsync(resource, predicate, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Waited 2 minutes; {Describe(resource)}");
        }
    }

    /// <summary>A property of a resource's snapshot, as text.</summary>
    public static string? Property(ResourceEvent e, string name) => e.Snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await MachineLab.RemoveExistingAsync(MachineTestEnvironment.Engine, Name); // only if the AppHost failed to
        _state.Dispose();
    }

    /// <summary>The DCP processes whose monitor is this test process (DCP exits when its AppHost does).</summary>
    public static IReadOnlyList<int> DcpProcessIds()
    {
        var me = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit)))
        {
            try
            {
                var arguments = File.ReadAllText($"/proc/{dir}/cmdline").Split('\0');
                if (arguments.Length > 0 && Path.GetFileName(arguments[0]).StartsWith("dcp", StringComparison.Ordinal) && arguments.SkipWhile(a => a != "--monitor").Skip(1).FirstOrDefault() == me)
                {
                    found.Add(int.Parse(dir!, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
            }
        }

        return found;
    }
}
