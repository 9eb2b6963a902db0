namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned ingress-nginx release.</summary>
public static class IngressNginxVersions
{
    /// <summary>The chart (controller v1.11.1).</summary>
    public static ChartVersion Chart { get; } = new("https://kubernetes.github.io/ingress-nginx", "ingress-nginx", "4.11.1");
}
