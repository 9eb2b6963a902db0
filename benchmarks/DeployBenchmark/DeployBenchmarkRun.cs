using Aspire.Hosting;
using System.Diagnostics;
using System.Globalization;
using Platform.Deployer;
using Platform.Deployer.Inventory;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Spectre.Console;

namespace Platform.DeployBenchmark;

/// <summary>
/// Starts N machines, converges the host phases once, then times on the same machines, in one run:
/// Platform's no-op plan and the equivalent Ansible playbook, at N and at a smaller size.
/// </summary>
public static class DeployBenchmarkRun
{
    private const string HostPhasesOnly = "kubernetes-packages,init,api-server-etcd,join-control-planes,join-workers,cni,addons,load-balancer";

    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var work = Path.Combine(Path.GetTempPath(), $"platform-bench-{Guid.NewGuid():N}"[..24]);
        if (await PrepareAsync(work) is not { } prepared)
        {
            return 2;
        }

        var (key, engine) = prepared;

        var model = PlatformModel.Build(Model(options.Machines));
        await using var lab = new MachineLabBuilder().WithName($"bench{Guid.NewGuid():N}"[..12]).WithEngine(engine).WithModel(model)
            .WithAuthorizedKey(await File.ReadAllTextAsync(key + ".pub")).WithParallelism(10).WithBootTimeout(TimeSpan.FromMinutes(5)).Build();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        var clock = Stopwatch.StartNew();
        AnsiConsole.MarkupLine($"Starting {options.Machines} machines...");
        await lab.StartAsync(cancel.Token);
        AnsiConsole.MarkupLine($"  up in {clock.Elapsed.TotalSeconds:0.0}s");

        var full = LabInventory.Create(lab, key);
        var small = Subset(full, options.Small);
        var smallModel = PlatformModel.Build(Model(options.Small));
        var state = new StateFolder(Path.Combine(work, "state"));
        var knownHosts = new KnownHostsFile(Path.Combine(work, "known_hosts"));

        clock.Restart();
        AnsiConsole.MarkupLine("Converging the host phases once (apply), so that plan has nothing to do...");
        var apply = await Deployment.RunAsync(model, full, state, Options(dryRun: false, knownHosts, accept: true), new DeploymentObserver(), cancel.Token);
        if (apply.Failures.Count > 0)
        {
            AnsiConsole.MarkupLine($"[red]apply failed:[/] {Markup.Escape(string.Join("; ", apply.Failures.Select(f => f.Error.Message)))}");
            return 1;
        }

        AnsiConsole.MarkupLine($"  {apply.Changes.Count} changes in {clock.Elapsed.TotalSeconds:0.0}s");

        var rows = new List<(string Tool, int Hosts, TimeSpan Median, string Note)>();
        foreach (var (size, sizeModel, inventory) in new[] { (options.Small, smallModel, small), (options.Machines, model, full) })
        {
            var times = new List<TimeSpan>();
            var changes = 0;
            IReadOnlyList<PhaseTiming> phases = [];
            for (var i = 0; i < options.Runs; i++)
            {
                var run = Stopwatch.StartNew();
                var plan = await Deployment.RunAsync(sizeModel, inventory, state, Options(dryRun: true, knownHosts, accept: false), new DeploymentObserver(), cancel.Token);
                times.Add(run.Elapsed);
                changes = plan.Changes.Count + plan.Failures.Count;
                phases = plan.Timings;
            }

            AnsiConsole.MarkupLine($"  platform plan, {size} hosts, last run: " + string.Join(", ", phases.Where(p => p.Duration > TimeSpan.FromMilliseconds(20)).Select(p => $"{p.Phase} {p.Duration.TotalSeconds:0.00}s")));

            rows.Add(("platform plan", size, Median(times), changes == 0 ? "no changes" : $"{changes} changes!"));

            var peer = new AnsiblePeer(Path.Combine(work, $"ansible-{size}"));
            var context = new DeploymentContext(sizeModel, inventory, state, Options(dryRun: true, knownHosts, accept: false), new DeploymentObserver());
            peer.Prepare(context, inventory, key);
            var ansibleTimes = new List<TimeSpan>();
            var recap = "";
            for (var i = 0; i < options.Runs; i++)
            {
                var (elapsed, text) = await peer.RunAsync(forks: size);
                ansibleTimes.Add(elapsed);
                recap = text;
            }

            var changed = recap.Split('\n').Count(l => l.Contains("changed=", StringComparison.Ordinal) && !l.Contains("changed=0", StringComparison.Ordinal));
            rows.Add(("ansible-playbook --check", size, Median(ansibleTimes), changed == 0 ? "no changes" : $"{changed} hosts changed!"));
        }

        var table = new Table().Title("No-op plan, same machines, one run").AddColumn("Tool").AddColumn(new TableColumn("Hosts").RightAligned()).AddColumn(new TableColumn($"Median of {options.Runs} (s)").RightAligned()).AddColumn("Result");
        foreach (var (tool, hosts, median, note) in rows)
        {
            table.AddRow(tool, hosts.ToString(CultureInfo.InvariantCulture), median.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), note);
        }

        AnsiConsole.Write(table);
        var platformSmall = rows.First(r => r.Tool == "platform plan" && r.Hosts == options.Small).Median;
        var platformFull = rows.First(r => r.Tool == "platform plan" && r.Hosts == options.Machines).Median;
        var ansibleFull = rows.First(r => r.Tool != "platform plan" && r.Hosts == options.Machines).Median;
        Console.WriteLine($"platform N={options.Machines} / N={options.Small}: {(platformFull / platformSmall).ToString("0.0", CultureInfo.InvariantCulture)}x (target below 2x)");
        Console.WriteLine($"ratio ansible/platform: {(ansibleFull / platformFull).ToString("0.0", CultureInfo.InvariantCulture)}");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>A work folder with a fresh SSH key, and the engine; null (said why) when the machine image is missing.</summary>
    internal static async Task<(string Key, Uri Engine)?> PrepareAsync(string work)
    {
        Directory.CreateDirectory(work);
        var key = Path.Combine(work, "id_ed25519");
        Process.Start("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key])!.WaitForExit();
        var engine = await ContainerEngine.DiscoverAsync();
        if (await MachineImage.ExistsAsync(engine))
        {
            return (key, engine);
        }

        AnsiConsole.MarkupLine($"[red]The machine image {MachineImage.Default} is missing.[/] Build it with: sudo scripts/build-machine-image.sh");
        return null;
    }

    private static DeploymentOptions Options(bool dryRun, KnownHostsFile knownHosts, bool accept) => new()
    {
        DryRun = dryRun,
        KnownHosts = knownHosts,
        AcceptNewHostKeys = accept,
        Selection = PhaseSelection.Parse([], [HostPhasesOnly], Pipeline.Phases),
    };

    private static DeploymentInventory Subset(DeploymentInventory inventory, int count)
    {
        var machines = inventory.Topology.Machines.Take(count).ToList();
        return new DeploymentInventory(new PlatformTopology(machines), machines.ToDictionary(m => m.Name, m => inventory.Endpoints[m.Name]));
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>
    /// One control plane and N-1 workers; time synced to cp-1; etcd from the distribution (offline machines). Subnets
    /// <c>prefix.(subnets+1).0/24</c> and <c>prefix.(subnets+2).0/24</c>.
    /// </summary>
    internal static IDistributedApplicationBuilder Model(int machines, string prefix = "10.66", int subnets = 0)
    {
        var builder = DistributedApplication.CreateBuilder();
        var network = builder.AddNetwork("private", $"{prefix}.0.0/16");
        var cpNet = network.AddSubnet("control-plane-net", $"{prefix}.{subnets + 1}.0/24");
        var workerNet = network.AddSubnet("worker-net", $"{prefix}.{subnets + 2}.0/24");
        builder.AddOperatingSystem().WithTimeServers($"{prefix}.{subnets + 1}.11");
        var cluster = builder.AddKubernetesCluster("bench");
        cluster.AddControlPlanes(1, cpNet);
        cluster.AddWorkers("worker", machines - 1, workerNet);
        cluster.AddEtcd().WithSource(EtcdSource.DistroPackage);
        cluster.AddCalico();
        cluster.AddLonghorn().WithDefaultStorageClass("standard", 1);
        return builder;
    }
}
