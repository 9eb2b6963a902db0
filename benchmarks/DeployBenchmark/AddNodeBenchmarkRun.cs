using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Platform.Deployer;
using Platform.Deployer.Operations;
using Platform.Deployer.Phases;
using Platform.Deployer.State;
using Platform.Deployer.Steps;
using Platform.Lab.Machines;
using Spectre.Console;

namespace Platform.DeployBenchmark;

/// <summary>
/// Adding one worker to a converged fleet of N machines, three ways, each onto a fresh machine of the same lab: the scoped
/// add (<c>aspire do add-node</c>: only the new host), a full re-apply of the same change (every phase on every host), and
/// Ansible doing it the way Kubespray's scale.yml does (facts and checks over all hosts, the changes on the new one).
/// </summary>
public static class AddNodeBenchmarkRun
{
    private const string HostPhasesOnly = "kubernetes-packages,init,api-server-etcd,join-control-planes,join-workers,cni,addons,load-balancer";

    /// <summary>Runs it; returns the exit code.</summary>
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var fleet = options.Machines;
        var work = Path.Combine(Path.GetTempPath(), $"platform-addbench-{Guid.NewGuid():N}"[..27]);
        if (await DeployBenchmarkRun.PrepareAsync(work) is not { } prepared)
        {
            return 2;
        }

        var (key, engine) = prepared;

        // The fleet plus three fresh workers, one for each way of adding.
        await using var lab = new MachineLabBuilder().WithName($"addb{Guid.NewGuid():N}"[..12]).WithEngine(engine).WithModel(PlatformModel.Build(Model(fleet + 3)))
            .WithAuthorizedKey(await File.ReadAllTextAsync(key + ".pub")).WithParallelism(10).WithBootTimeout(TimeSpan.FromMinutes(5)).Build();
        var clock = Stopwatch.StartNew();
        AnsiConsole.MarkupLine($"Starting {fleet + 3} machines ({fleet} for the fleet, 3 to add)...");
        await lab.StartAsync();
        AnsiConsole.MarkupLine($"  up in {clock.Elapsed.TotalSeconds:0.0}s");
        var names = lab.Machines.Select(m => m.Name).ToList();
        DeploymentInput Input(int machines)
        {
            var path = Path.Combine(work, $"inventory-{machines}.yaml");
            File.WriteAllText(path, LabInventory.ToYaml(lab, key, [.. names.Skip(machines)]));
            var settings = new Dictionary<string, string?>
            {
                ["Deploy:State"] = Path.Combine(work, "state"), ["Deploy:KnownHosts"] = Path.Combine(work, "known_hosts"),
                ["Deploy:AcceptNewHostKeys"] = "true", ["Deploy:Skip"] = HostPhasesOnly,
            };
            return DeploymentInput.Load(Model(machines).Resources, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), path);
        }

        clock.Restart();
        AnsiConsole.MarkupLine($"Converging the fleet of {fleet} once (apply)...");
        var converge = await ApplyAsync(Input(fleet));
        if (converge.Failures.Count > 0)
        {
            return Failed("converge", converge);
        }

        AnsiConsole.MarkupLine($"  {converge.Changes.Count} changes in {clock.Elapsed.TotalSeconds:0.0}s");

        clock.Restart();
        var scoped = await new AddNode().RunAsync(Input(fleet + 1), apply: true, new DeploymentObserver(), CancellationToken.None);
        var scopedTime = clock.Elapsed;
        if (scoped.Failures.Count > 0)
        {
            return Failed("scoped add", scoped);
        }

        clock.Restart();
        var full = await ApplyAsync(Input(fleet + 2));
        var fullTime = clock.Elapsed;
        if (full.Failures.Count > 0)
        {
            return Failed("full re-apply", full);
        }

        var all = Input(fleet + 3);
        var peer = new AnsiblePeer(Path.Combine(work, "ansible"));
        peer.Prepare(new DeploymentContext(all.Model, all.Inventory, new StateFolder(all.StatePath), all.Options(dryRun: true), new DeploymentObserver()), all.Inventory, key);
        var (ansibleTime, recap) = await peer.RunAsync(forks: fleet + 3, check: false);
        var ansibleChanged = recap.Split('\n').Where(l => l.Contains("changed=", StringComparison.Ordinal) && !l.Contains("changed=0", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToList();

        Console.WriteLine($"scoped add (aspire do add-node):            {Seconds(scopedTime)} s, {scoped.Contacted.Count} host(s) contacted ({string.Join(", ", scoped.Contacted)}), {scoped.Changes.Count} changes");
        Console.WriteLine($"full re-apply of the same change:           {Seconds(fullTime)} s, {full.Contacted.Count} hosts contacted, {full.Changes.Count} changes");
        Console.WriteLine($"ansible, scale.yml-style (checks on all):   {Seconds(ansibleTime)} s, {fleet + 3} hosts checked, changed: {string.Join(", ", ansibleChanged)}");
        Console.WriteLine($"ratio full/scoped add: {(fullTime / scopedTime).ToString("0.0", CultureInfo.InvariantCulture)}");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    // Its own block of the node lifecycle range, apart from the deploy benchmark's 10.66.
    private static Aspire.Hosting.IDistributedApplicationBuilder Model(int machines) => DeployBenchmarkRun.Model(machines, "10.41", subnets: 50);

    private static Task<DeploymentResult> ApplyAsync(DeploymentInput input)
        => Deployment.RunAsync(input.Model, input.Inventory, new StateFolder(input.StatePath), input.Options(dryRun: false), new DeploymentObserver(), CancellationToken.None);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6);

    private static int Failed(string what, DeploymentResult result)
    {
        AnsiConsole.MarkupLine($"[red]{what} failed:[/] {Markup.Escape(string.Join("; ", result.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")))}");
        return 1;
    }
}
