using Platform.Lab.Machines;
using Platform.Testing;

namespace Platform.Lab.Tests.Machines;

public sealed class MachineLabBootTests
{
    // sshd's start blocks forever on the first boot only, so systemd never finishes that boot: a stall.
    private const string StallFirstBoot = """
        [Service]
        ExecStartPre=/bin/sh -c 'if [ ! -e /var/lib/platform-stalled-once ]; then touch /var/lib/platform-stalled-once; sync; sleep infinity; fi'
        TimeoutStartSec=infinity
        """;

    [RequiresMachinesFact]
    public async Task Start_MachineStallsOnItsFirstBoot_IsResetOnceThenBootsAndAnswers()
    {
        var progress = new List<string>();
        var lab = new MachineLabBuilder()
            .WithName($"t-boot-{Guid.NewGuid():N}"[..14])
            .WithEngine(MachineTestEnvironment.Engine)
            .WithModel(MachineLabTests.ThreeMachines.Model(prefix: "10.63"))
            .WithAuthorizedKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForABootTestOnlyxxxxxxxxxxxxxxxxxxxx boot-test")
            .WithFile("/etc/systemd/system/ssh.service.d/stall-first-boot.conf", StallFirstBoot + "\n")
            .WithBootTimeout(TimeSpan.FromSeconds(60)) // the reset boot runs while the rest of the suite loads the machine
            .Build();
        lab.Progress += line => { lock (progress) { progress.Add(line); } };
        await using (lab)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await lab.StartAsync(timeout.Token);

            foreach (var machine in lab.Machines)
            {
                var state = await lab.ExecAsync(machine.Name, ["sh", "-c", "systemctl is-system-running; ls /var/lib/platform-stalled-once"]);

                Assert.Matches("^(running|degraded)\n/var/lib/platform-stalled-once\n$", state.Output);
                Assert.Contains($"{machine.Name}: sshd to answer on the published port did not happen within 00:01:00; resetting the machine once", progress);
                Assert.Contains(progress, l => l.StartsWith($"{machine.Name}: up at ", StringComparison.Ordinal));
            }
        }
    }
}
