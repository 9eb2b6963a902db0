namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Calico release (Tigera operator chart).</summary>
public static class CalicoVersions
{
    /// <summary>The chart.</summary>
    public static ChartVersion Chart { get; } = new("https://docs.tigera.io/calico/charts", "tigera-operator", "v3.28.1");
}
