using Platform.Deployer.Steps;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The Deployer on 7 machines that behave like VMs (3 control planes, 2 workers, 2 load balancers):
/// plan, apply every phase that can run here (through the library the pipeline steps use), check etcd over TLS,
/// the VIP and node_exporter scraped by a real Prometheus, then plan and apply again and expect no changes. The
/// machines boot the base image, like fresh VMs with nothing installed: this is the test of the install path.
/// </summary>
public sealed class DeployOnMachinesTests
{
    /// <summary>The phases that need pkgs.k8s.io and registry.k8s.io, which this network cannot reach.</summary>
    public const string KubernetesPhases = "kubernetes-packages,init,api-server-etcd,join-control-planes,join-workers,cni,addons";

    [RequiresMachinesFact("ssh-keygen", "etcdctl", "prometheus", "curl")]
    public async Task PlanApplyVerify_ThenPlanAndApplyAgainChangeNothing()
    {
        var model = DeployerTestModels.Lab(prefix: "10.77").BuildModel();
        await using var lab = await MachineLabFixture.StartAsync(model, image: MachineImage.Base);
        var inventory = lab.WriteInventory();
        var state = lab.Directory.Combine("state");
        DeploymentInput Input() => DeployRuns.Input(DeployerTestModels.Lab(prefix: "10.77").Resources, inventory, state, lab.Directory.Combine("known_hosts"), skip: KubernetesPhases);

        // 1. plan: pins the host keys (first use) and lists what apply would do.
        var plan = await DeployRuns.RunAsync(Input(), dryRun: true);
        Assert.Empty(plan.Failures);
        Assert.True(plan.Changes.Count > 20, $"{plan.Changes.Count} changes planned");
        Assert.Equal(7, plan.Changes.Select(c => c.Host).Distinct().Count());
        Assert.Contains(plan.Changes, c => c.Host == "cp-2" && c.Description.StartsWith("install packages etcd-server etcd-client", StringComparison.Ordinal));

        // 2. apply every phase that can run here: the same changes plan listed.
        var apply = await DeployRuns.RunAsync(Input(), dryRun: false);
        Assert.True(apply.Failures.Count == 0, string.Join("\n", apply.Failures.Select(f => $"{f.Host} {f.Phase}: {f.Error.Message}")));
        Assert.Equal(plan.Changes.Where(c => c.Phase == "etcd").Select(c => c.Description).Order(StringComparer.Ordinal), apply.Changes.Where(c => c.Phase == "etcd").Select(c => c.Description).Order(StringComparer.Ordinal));

        // 3a. etcd: three members, healthy over TLS, with the client certificate the Deployer generated.
        var pki = Path.Combine(state, "pki", "etcd");
        string[] Tls = [$"--cacert={Path.Combine(pki, "ca.crt")}", $"--cert={Path.Combine(pki, "admin-client.crt")}", $"--key={Path.Combine(pki, "admin-client.key")}"];
        var endpoints = "--endpoints=" + string.Join(',', model.PlanTopology().ControlPlanes.Select(m => $"https://{m.Address}:2379"));
        var health = await LocalEtcd.EtcdctlAsync([endpoints, .. Tls, "endpoint", "health"]);
        var members = await LocalEtcd.EtcdctlAsync([endpoints, .. Tls, "member", "list"]);
        Assert.True(health.ExitCode == 0, health.Output);
        Assert.Equal(3, members.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains(", started, ", StringComparison.Ordinal)));

        // 3b. a client without a certificate is refused.
        var noCert = await LocalEtcd.EtcdctlAsync([endpoints, $"--cacert={Path.Combine(pki, "ca.crt")}", "endpoint", "health"]);
        Assert.NotEqual(0, noCert.ExitCode);

        // 3c. the VIP answers (HAProxy's monitor URI through keepalived's address), held by lb-1.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var vip = model.Single<ApiLoadBalancerResource>().VirtualIp.Address;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://{vip}:8404/healthz"))).StatusCode);
        Assert.Equal(0, (await lab.Lab.ExecAsync("lb-1", ["sh", "-c", $"ip -o -4 addr show | grep -qwF {vip}"])).ExitCode);

        // 3d. a real Prometheus scrapes node_exporter on every machine.
        using (var prometheus = LocalPrometheus.Start(model.PlanTopology().Machines.Select(m => $"{m.Address}:9100")))
        {
            var targets = await prometheus.WaitForTargetsUpAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(7, targets.Count(t => t.Value == "up"));
        }

        // 4. plan and apply again: nothing to change.
        var again = await DeployRuns.RunAsync(Input(), dryRun: true);
        Assert.Empty(again.Failures);
        Assert.True(again.Changes.Count == 0, string.Join("\n", again.Changes));
        var reapply = await DeployRuns.RunAsync(Input(), dryRun: false);
        Assert.Empty(reapply.Failures);
        Assert.True(reapply.Changes.Count == 0, string.Join("\n", reapply.Changes));

        // 5. the VIP fails over when lb-1 goes away.
        await lab.Lab.StopMachineAsync("lb-1");
        var moved = false;
        for (var i = 0; i < 30 && !moved; i++)
        {
            await Task.Delay(500);
            moved = (await lab.Lab.ExecAsync("lb-2", ["sh", "-c", $"ip -o -4 addr show | grep -qwF {vip}"])).ExitCode == 0;
        }

        Assert.True(moved, "the VIP did not move to lb-2 within 15 s of lb-1 stopping");
        using var fresh = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fresh.GetAsync(new Uri($"http://{vip}:8404/healthz"))).StatusCode);
    }
}
