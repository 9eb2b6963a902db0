using Xunit;

namespace Platform.Testing;

/// <summary>
/// A fact that runs kubeadm for real: it needs a Kubernetes package repository and a registry of
/// control-plane images reachable from the test machines. Neither pkgs.k8s.io nor registry.k8s.io is
/// reachable from this network (and tests may not send traffic there), so it runs only where
/// PLATFORM_TEST_K8S_APT_MIRROR and PLATFORM_TEST_K8S_IMAGE_MIRROR name local mirrors.
/// </summary>
public sealed class RequiresKubernetesPackagesFactAttribute : FactAttribute
{
    /// <summary>The variable naming an apt mirror of https://pkgs.k8s.io/core:/stable:/v1.30/deb/.</summary>
    public const string AptMirrorVariable = "PLATFORM_TEST_K8S_APT_MIRROR";

    /// <summary>The variable naming a registry mirror of registry.k8s.io.</summary>
    public const string ImageMirrorVariable = "PLATFORM_TEST_K8S_IMAGE_MIRROR";

    /// <summary>Creates the attribute.</summary>
    public RequiresKubernetesPackagesFactAttribute()
    {
        var missing = new[] { AptMirrorVariable, ImageMirrorVariable }.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"kubeadm needs the Kubernetes package repository (pkgs.k8s.io) and control-plane images (registry.k8s.io), neither reachable from the test machines here; set {string.Join(" and ", missing)} to mirrors reachable from the lab network to run the kubeadm phases for real.";
        }
        else if (MachineTestEnvironment.Missing is { } machines)
        {
            Skip = machines;
        }
    }
}
