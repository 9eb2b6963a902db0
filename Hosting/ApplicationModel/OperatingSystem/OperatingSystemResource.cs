namespace Aspire.Hosting.ApplicationModel;

/// <summary>The operating system every machine runs, and how it is prepared (layer 2).</summary>
/// <param name="name">The resource name.</param>
/// <param name="distribution">The distribution id as in /etc/os-release (<c>ubuntu</c>).</param>
/// <param name="version">The release as in /etc/os-release VERSION_ID (<c>24.04</c>).</param>
public sealed class OperatingSystemResource(string name, string distribution, string version) : PlatformResource(name)
{
    /// <summary>The distribution id (ID in /etc/os-release).</summary>
    public string Distribution { get; } = distribution;

    /// <summary>The release (VERSION_ID in /etc/os-release).</summary>
    public string Version { get; } = version;

    /// <inheritdoc />
    public override string? DeployedFrom => $"{Distribution} {Version}";

    /// <inheritdoc />
    public override PlatformLayer Layer => PlatformLayer.OperatingSystem;

    /// <summary>How security updates are applied.</summary>
    public PatchPolicyAnnotation PatchPolicy => this.GetRequiredAnnotation<PatchPolicyAnnotation>();

    /// <summary>The sysctls, later ones overriding earlier ones with the same key.</summary>
    public IReadOnlyDictionary<string, string> Sysctls => this.GetAnnotations<SysctlAnnotation>()
        .GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    /// <summary>The kernel modules loaded at boot.</summary>
    public IReadOnlyList<string> KernelModules => this.GetAnnotations<KernelModuleAnnotation>().Select(m => m.Module).Distinct().ToArray();

    /// <summary>The time servers chrony follows.</summary>
    public IReadOnlyList<string> TimeServers => this.GetRequiredAnnotation<TimeSyncAnnotation>().Servers;

    /// <summary>The sshd hardening applied to every machine.</summary>
    public SshHardeningAnnotation SshHardening => this.GetRequiredAnnotation<SshHardeningAnnotation>();

    /// <summary>Extra packages installed on every machine.</summary>
    public IReadOnlyList<string> Packages => this.GetAnnotations<PackageAnnotation>().Select(p => p.Name).Distinct().ToArray();
}
