namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// ingress-nginx, retired by Kubernetes SIG Network in March 2026 (no releases or security fixes since): only its
/// final release line can be chosen, 4.14.3 (controller v1.14.3), which includes the fix for CVE-2025-1974.
/// </summary>
public static class IngressNginxVersions
{
    /// <summary>The chart (controller v1.14.3).</summary>
    public static ChartVersion Chart { get; } = new("https://kubernetes.github.io/ingress-nginx", "ingress-nginx", "4.14.3");

    /// <summary>Why choosing it warns at build time.</summary>
    public const string RetiredWarning = "ingress-nginx was retired in March 2026 and gets no security fixes; use AddTraefik() (the default, with the Gateway API).";
}
