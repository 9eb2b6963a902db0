using Platform.Deployer.State;
using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.Lab.Tests.Machines;

public sealed class LabReadinessTests
{
    [RequiresMachinesFact("ssh-keygen")]
    public async Task Probe_NothingDeployedThenAMachineStopped_NamesWhatIsNotReady()
    {
        var model = DeployerTestModels.Lab(controlPlanes: 1, workers: 1, loadBalancers: 0, prefix: "10.86").BuildModel();
        await using var lab = await MachineLabFixture.StartAsync(model);
        var readiness = new LabReadiness(lab.Lab, model, new StateFolder(lab.Directory.Combine("state")));

        var undeployed = await readiness.ProbeAsync();
        await lab.Lab.StopMachineAsync("worker-1");
        var stopped = await readiness.WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Equal([$"etcd: no admin client certificate in {lab.Directory.Combine("state", "pki", "etcd")} yet"], undeployed.Problems);
        Assert.False(stopped.IsReady);
        Assert.Contains("worker-1: container not running", stopped.Problems);
    }
}
