using System.Globalization;

namespace Platform.Deployer.Upgrade;

/// <summary>A Kubernetes release (1.30.3), as kubeadm and the apt packages (1.30.3-1.1) name it.</summary>
/// <param name="Major">1.</param>
/// <param name="Minor">The minor line kubeadm upgrades one at a time.</param>
/// <param name="Patch">The patch release.</param>
public readonly record struct KubernetesVersion(int Major, int Minor, int Patch) : IComparable<KubernetesVersion>
{
    /// <summary>Reads v1.30.3, 1.30.3 or the package version 1.30.3-1.1; null when it is none of these.</summary>
    public static KubernetesVersion? TryParse(string? text)
    {
        var parts = (text ?? "").Trim().TrimStart('v').Split('-')[0].Split('.');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? new KubernetesVersion(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The minor line, v1.30.</summary>
    public string MinorLine => $"v{Major}.{Minor}";

    /// <inheritdoc />
    public int CompareTo(KubernetesVersion other) => (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    /// <summary>Orders versions.</summary>
    public static bool operator <(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) < 0;

    /// <summary>Orders versions.</summary>
    public static bool operator >(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) > 0;

    /// <summary>Orders versions.</summary>
    public static bool operator <=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Orders versions.</summary>
    public static bool operator >=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
