using Aspire.Hosting.ApplicationModel;

namespace Platform.Lab.Machines;

/// <summary>A machine did not finish booting in time; the message carries its last console lines.</summary>
public sealed class MachineBootException(string machine, string lab, string waited, TimeSpan timeout, string consoleLines)
    : PlatformException($"Machine {machine} of lab {lab} did not get {waited} within {timeout}, even after a reset. Last console lines:\n{consoleLines.Trim()}\n" +
        $"Look inside with: podman exec {lab}-{machine} systemctl list-jobs. Then run again (--replace starts afresh).")
{
    /// <summary>What was waited for (systemd to finish booting, sshd to answer).</summary>
    public string Waited { get; } = waited;
}
