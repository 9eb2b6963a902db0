using Platform.Deployer.Phases;
using Platform.Lab.Machines;

namespace Platform.EndToEnd.Tests.Etcd;

/// <summary>Powers a machine off the moment a phase finishes: a restore interrupted halfway, as a lost VM would.</summary>
public sealed class StopMachineAfterPhase(MachineLab lab, string phase, string machine) : DeploymentObserver
{
    /// <summary>True once the machine was stopped.</summary>
    public bool Stopped { get; private set; }

    /// <inheritdoc />
    public override void PhaseFinished(IPhase phase1, TimeSpan duration, int failures)
    {
        if (phase1.Name == phase && !Stopped)
        {
            lab.StopMachineAsync(machine).GetAwaiter().GetResult();
            Stopped = true;
        }
    }
}
