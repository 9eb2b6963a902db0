namespace Platform.Lab.Machines;

/// <summary>sshd answers with its banner on the published port.</summary>
public sealed class UntilSshAnswers : IMachineWait
{
    /// <inheritdoc />
    public string Description => "sshd to answer on the published port";

    /// <inheritdoc />
    public async Task<bool> UntilAsync(MachineLab lab, LabMachine machine, CancellationToken cancellationToken)
        => await SshBanner.ReadAsync(machine.SshHost, machine.SshPort, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false) is not null;
}
