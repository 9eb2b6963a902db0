namespace Platform.Lab.Machines;

/// <summary>systemd finished booting: <c>systemctl is-system-running</c> says running (or degraded, which is reported).</summary>
public sealed class UntilSystemdIsRunning : IMachineWait
{
    /// <inheritdoc />
    public string Description => "systemd to finish booting";

    /// <inheritdoc />
    public async Task<bool> UntilAsync(MachineLab lab, LabMachine machine, CancellationToken cancellationToken)
    {
        var state = (await lab.ExecAsync(machine.Name, ["systemctl", "is-system-running"], cancellationToken).ConfigureAwait(false)).Output.Trim();
        if (state == "degraded")
        {
            var failed = await lab.ExecAsync(machine.Name, ["systemctl", "--failed", "--no-legend", "--plain"], cancellationToken).ConfigureAwait(false);
            lab.Report($"{machine.Name}: booted degraded; failed units: {failed.Output.Trim().Replace('\n', ';')}");
        }

        return state is "running" or "degraded";
    }
}
