using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds and tunes the operating system every machine runs (layer 2).</summary>
public static class OperatingSystemBuilderExtensions
{
    /// <summary>
    /// Adds Ubuntu 24.04 LTS with what kubeadm needs: overlay and br_netfilter, forwarding and bridge
    /// sysctls, chrony, security updates, key-only sshd.
    /// </summary>
    /// <example><code>builder.AddOperatingSystem("ubuntu").WithTimeServers("ntp.internal");</code></example>
    public static IResourceBuilder<OperatingSystemResource> AddOperatingSystem(this IDistributedApplicationBuilder builder, string name = "ubuntu")
    {
        var (distribution, version) = OperatingSystems.Ubuntu2404;
        var os = builder.AddPlatformResource(new OperatingSystemResource(name, distribution, version))
            .WithPatchPolicy(PatchPolicy.SecurityOnly)
            .WithTimeServers("ntp.ubuntu.com")
            .WithSshHardening(new SshHardeningAnnotation { PasswordAuthentication = false, PermitRootLogin = "prohibit-password" })
            .WithKernelModule("overlay")
            .WithKernelModule("br_netfilter")
            .WithSysctl("net.ipv4.ip_forward", "1")
            .WithSysctl("net.bridge.bridge-nf-call-iptables", "1")
            .WithSysctl("net.bridge.bridge-nf-call-ip6tables", "1");
        foreach (var package in new[] { "apt-transport-https", "ca-certificates", "curl", "gpg", "chrony", "conntrack", "socat", "ebtables", "ethtool", "ipset", "rsync", "nftables" })
        {
            os.WithPackage(package);
        }

        return os;
    }

    /// <summary>Sets which updates install unattended and when a reboot may follow (replaces).</summary>
    /// <example><code>os.WithPatchPolicy(PatchPolicy.SecurityOnly, rebootTime: "03:30");</code></example>
    public static IResourceBuilder<OperatingSystemResource> WithPatchPolicy(this IResourceBuilder<OperatingSystemResource> os, PatchPolicy policy, string? rebootTime = null)
        => os.WithAnnotation(new PatchPolicyAnnotation { Policy = policy, RebootTime = rebootTime }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Adds a kernel parameter (appends; a later value for the same key wins).</summary>
    /// <example><code>os.WithSysctl("fs.inotify.max_user_watches", "524288");</code></example>
    public static IResourceBuilder<OperatingSystemResource> WithSysctl(this IResourceBuilder<OperatingSystemResource> os, string key, string value)
        => os.WithAnnotation(new SysctlAnnotation { Key = key, Value = value });

    /// <summary>Adds a kernel module loaded at boot (appends).</summary>
    /// <example><code>os.WithKernelModule("ip_vs");</code></example>
    public static IResourceBuilder<OperatingSystemResource> WithKernelModule(this IResourceBuilder<OperatingSystemResource> os, string module)
        => os.WithAnnotation(new KernelModuleAnnotation { Module = module });

    /// <summary>Sets the NTP servers (replaces).</summary>
    /// <example><code>os.WithTimeServers("ntp1.internal", "ntp2.internal");</code></example>
    public static IResourceBuilder<OperatingSystemResource> WithTimeServers(this IResourceBuilder<OperatingSystemResource> os, params string[] servers)
        => os.WithAnnotation(new TimeSyncAnnotation { Servers = servers }, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Sets the sshd hardening (replaces).</summary>
    /// <example><code>os.WithSshHardening(new SshHardeningAnnotation { PasswordAuthentication = false, PermitRootLogin = "no" });</code></example>
    public static IResourceBuilder<OperatingSystemResource> WithSshHardening(this IResourceBuilder<OperatingSystemResource> os, SshHardeningAnnotation hardening)
        => os.WithAnnotation(hardening, ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Adds a package installed on every machine (appends).</summary>
    /// <example><code>os.WithPackage("htop");</code></example>
    public static IResourceBuilder<OperatingSystemResource> WithPackage(this IResourceBuilder<OperatingSystemResource> os, string package)
        => os.WithAnnotation(new PackageAnnotation { Name = package });
}
