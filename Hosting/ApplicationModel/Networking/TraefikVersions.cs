namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Traefik release.</summary>
public static class TraefikVersions
{
    /// <summary>
    /// The chart (Traefik Proxy v3.7.1): the last chart that ships the Gateway API CRDs (standard channel v1.5.1);
    /// later charts need them installed separately.
    /// </summary>
    public static ChartVersion Chart { get; } = new("https://traefik.github.io/charts", "traefik", "40.1.0");

    /// <summary>The namespace it installs into.</summary>
    public const string Namespace = "traefik";

    /// <summary>The chart's container port for HTTP (the <c>web</c> entry point; unprivileged).</summary>
    public const int WebPort = 8000;

    /// <summary>The chart's container port for HTTPS (the <c>websecure</c> entry point).</summary>
    public const int WebSecurePort = 8443;
}
