using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>Layer 2: sshd hardening as a drop-in; the Deployer checks it with sshd -t before reloading.</summary>
public sealed class SshdRenderer : IArtifactRenderer
{
    /// <summary>The drop-in's path.</summary>
    public const string DropInPath = "/etc/ssh/sshd_config.d/50-platform-hardening.conf";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var h = context.Model.Single<OperatingSystemResource>().SshHardening;
        foreach (var machine in context.Topology.Machines)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.OperatingSystem, Components.Sshd, DropInPath, $"""
                # Keys only; no root password logins, no forwarding people do not need.
                PasswordAuthentication {YesNo(h.PasswordAuthentication)}
                KbdInteractiveAuthentication no
                PermitRootLogin {h.PermitRootLogin}
                PermitEmptyPasswords no
                X11Forwarding {YesNo(h.X11Forwarding)}
                AllowAgentForwarding no
                MaxAuthTries {h.MaxAuthTries}
                LoginGraceTime 30
                ClientAliveInterval 300
                ClientAliveCountMax 2

                """);
        }
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
