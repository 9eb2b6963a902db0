using Aspire.Hosting;
using Platform.Deployer;
using Platform.Deployer.Cli;
using Platform.Deployer.Hosts;
using Platform.Deployer.Phases;
using Platform.Deployer.Ssh;
using Platform.Deployer.State;
using Aspire.Hosting.ApplicationModel;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Faults and bad input against real machines: one control plane and two workers, from the base image so that
/// a machine is stopped in the middle of installing packages, as a fresh VM would be.
/// </summary>
public sealed class DeployFaultTests(DeployFaultTests.ThreeMachines machines) : IClassFixture<DeployFaultTests.ThreeMachines>
{
    private const string Prefix = "10.78";
    private const string HostPhasesOnly = DeployOnMachinesTests.KubernetesPhases + ",load-balancer";

    [RequiresMachinesFact("ssh-keygen")]
    public async Task MachineStoppedMidApply_ItsFailureIsReportedOthersFinish_ThenApplyResumesAndConverges()
    {
        var lab = machines.Fixture;
        using var dir = new TempFolder();
        var state = dir.Combine("state");
        var knownHosts = dir.Combine("known_hosts");
        var model = Model().BuildModel();
        var stopped = new TaskCompletionSource();
        var observer = new StopOnStart(lab, "worker-2", "prepare", stopped);
        var options = new DeploymentOptions
        {
            DryRun = false,
            AcceptNewHostKeys = true,
            KnownHosts = new KnownHostsFile(knownHosts),
            Selection = PhaseSelection.Parse([], [HostPhasesOnly], Pipeline.Phases),
        };

        var first = await Deployment.RunAsync(model, lab.Inventory, new StateFolder(state), options, observer, CancellationToken.None);
        await stopped.Task;
        await lab.Lab.StartMachineAsync("worker-2"); // before asserting: a failed assert must not leave the shared machines broken

        var failure = Assert.Single(first.Failures);
        Assert.Equal(("worker-2", "prepare"), (failure.Host, failure.Phase));
        Assert.True(failure.Retryable, failure.Error.Message);
        Assert.Contains("worker-2", failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Timings, t => t.Phase == "etcd");
        var prepare = first.Timings.Single(t => t.Phase == "prepare");
        Assert.Equal((3, 1), (prepare.Hosts, prepare.Failures));

        var resumed = await Cli("apply", state, knownHosts);
        var plan = await Cli("plan", state, knownHosts);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("Resuming the apply started", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("cp-1: done by the interrupted apply, skipped", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("worker-2: install packages", resumed.Output, StringComparison.Ordinal);
        Assert.True(plan.ExitCode == 0, plan.Output);
        Assert.Contains("No changes.", plan.Output, StringComparison.Ordinal);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task HostKeyChanged_PlanRefusesThatHostAndSaysWhy()
    {
        using var dir = new TempFolder();
        var knownHosts = dir.Combine("known_hosts");
        var pin = await Cli("plan", dir.Combine("state"), knownHosts, "--accept-new-host-keys");
        Assert.True(pin.ExitCode == 0, pin.Output);

        // The machine is "rebuilt": new host keys.
        var rekey = await machines.Fixture.Lab.ExecAsync("cp-1", ["sh", "-c", "rm -f /etc/ssh/ssh_host_* && ssh-keygen -A && systemctl restart ssh"]);
        Assert.Equal(0, rekey.ExitCode);
        var plan = await Cli("plan", dir.Combine("state"), knownHosts, "--accept-new-host-keys");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("cp-1 (root@127.0.0.1:", plan.Output, StringComparison.Ordinal);
        Assert.Contains("HOST KEY CHANGED", plan.Output, StringComparison.Ordinal);
        Assert.Contains("ssh-keygen -R", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Stopped after phase connect", plan.Output, StringComparison.Ordinal);
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task MalformedInventory_ClearErrorAndNothingIsTouched()
    {
        using var dir = new TempFolder();
        var inventory = dir.Combine("inventory.yaml");
        File.WriteAllText(inventory, File.ReadAllText(machines.Fixture.WriteInventory()).Replace("role: worker", "role: minion", StringComparison.Ordinal).Replace("address:", "adress:", StringComparison.Ordinal));
        var state = dir.Combine("state");
        var knownHosts = dir.Combine("known_hosts");

        var apply = await CliRun.RunAsync((console, stdout) => DeployCommand.Create(Model(), console, stdout), "deploy", "apply", "-i", inventory, "--state", state, "--known-hosts", knownHosts, "--accept-new-host-keys");

        Assert.Equal(2, apply.ExitCode);
        Assert.Contains($"Inventory {inventory} has 1 problem; nothing was touched", apply.Output, StringComparison.Ordinal);
        Assert.Contains("'adress'", apply.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(state));
        Assert.False(File.Exists(knownHosts));
    }

    [RequiresMachinesFact("ssh-keygen")]
    public async Task KubernetesPackageSourceUnreachable_FailsFastNamingItAndChangesNothing()
    {
        using var dir = new TempFolder();
        // Port 9 on each machine's own loopback is closed: unreachable without sending traffic anywhere else.
        const string mirror = "http://127.0.0.1:9/kubernetes/v1.30/deb/";
        var builder = Model();
        builder.CreateResourceBuilder(builder.Resources.OfType<KubernetesClusterResource>().Single()).WithKubernetesPackageMirror(mirror);
        var inventory = machines.Fixture.WriteInventory();

        var apply = await CliRun.RunAsync((console, stdout) => DeployCommand.Create(builder, console, stdout),
            "deploy", "apply", "-i", inventory, "--state", dir.Combine("state"), "--known-hosts", dir.Combine("known_hosts"), "--accept-new-host-keys", "--only", "kubernetes-packages");
        var sources = await machines.Fixture.Lab.ExecAsync("cp-1", ["ls", "/etc/apt/sources.list.d/"]);

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains($"the Kubernetes package repository {mirror} is not reachable from this machine", apply.Output, StringComparison.Ordinal);
        Assert.Contains("WithKubernetesPackageMirror", apply.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("kubernetes.list", sources.Output, StringComparison.Ordinal);
    }

    [RequiresKubernetesPackagesFact]
    public async Task KubeadmPhases_WithReachableMirrors_InitJoinAndNodesReady()
    {
        using var dir = new TempFolder();
        var builder = Model();
        builder.CreateResourceBuilder(builder.Resources.OfType<KubernetesClusterResource>().Single())
            .WithKubernetesPackageMirror(Environment.GetEnvironmentVariable(RequiresKubernetesPackagesFactAttribute.AptMirrorVariable)!);

        var apply = await CliRun.RunAsync((console, stdout) => DeployCommand.Create(builder, console, stdout),
            "deploy", "apply", "-i", machines.Fixture.WriteInventory(), "--state", dir.Combine("state"), "--known-hosts", dir.Combine("known_hosts"), "--accept-new-host-keys", "--skip", "load-balancer");

        Assert.True(apply.ExitCode == 0, apply.Output);
    }

    private Task<CliRun.Result> Cli(string verb, string state, string knownHosts, params string[] more)
        => CliRun.RunAsync((console, stdout) => DeployCommand.Create(Model(), console, stdout),
            ["deploy", verb, "-i", machines.Fixture.WriteInventory(), "--state", state, "--known-hosts", knownHosts, "--skip", HostPhasesOnly, .. more]);

    private static IDistributedApplicationBuilder Model() => DeployerTestModels.Lab(controlPlanes: 1, workers: 2, loadBalancers: 0, prefix: Prefix);

    /// <summary>Powers a machine off as soon as a phase starts on it.</summary>
    private sealed class StopOnStart(MachineLabFixture lab, string host, string phase, TaskCompletionSource stopped) : DeploymentObserver
    {
        public override void HostStarted(IPhase started, DeployHost deployHost)
        {
            if (started.Name == phase && deployHost.Name == host)
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    await lab.Lab.StopMachineAsync(host);
                    stopped.TrySetResult();
                });
            }
        }
    }

    /// <summary>The machines of this class.</summary>
    public sealed class ThreeMachines : IAsyncLifetime
    {
        public MachineLabFixture Fixture { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            if (MachineTestEnvironment.Missing is null || RequiredTools.Strict)
            {
                Fixture = await MachineLabFixture.StartAsync(Model().BuildModel(), image: MachineImage.Base);
            }
        }

        public async Task DisposeAsync()
        {
            if (Fixture is not null)
            {
                await Fixture.DisposeAsync();
            }
        }
    }
}
