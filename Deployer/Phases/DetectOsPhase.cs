using Platform.Deployer.Hosts;
using Platform.Deployer.Hosts.Configurers;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Phases;

/// <summary>Reads /etc/os-release and picks the host's configurer; an unsupported OS fails that host.</summary>
public sealed class DetectOsPhase : Phase
{
    /// <inheritdoc />
    public override string Name => "os";

    /// <inheritdoc />
    public override string Title => "Detect the operating system";

    /// <inheritdoc />
    public override bool IsPrerequisite => true;

    /// <inheritdoc />
    public override async Task RunAsync(HostStep step, CancellationToken cancellationToken)
    {
        var result = (await step.QueryAsync("cat /etc/os-release", cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var os = OsRelease.Parse(result.Output);
        var id = os.GetValueOrDefault("ID", "unknown");
        var version = os.GetValueOrDefault("VERSION_ID", "");
        step.Host.Os = OsConfigurers.For(id, version) ?? throw new PlatformException(
            $"{step.Host.Name} runs {os.GetValueOrDefault("PRETTY_NAME", $"{id} {version}")}; Platform deploys to Ubuntu 24.04 LTS (Debian 13 and 12 are also accepted). Reinstall the machine with Ubuntu 24.04.");
        if (step.Host.Os is DebianConfigurer)
        {
            step.Warn($"{step.Host.Os.Name}: supported for test machines; production targets Ubuntu 24.04.");
        }
    }
}
