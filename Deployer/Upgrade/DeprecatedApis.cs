using System.Text.RegularExpressions;

namespace Platform.Deployer.Upgrade;

/// <summary>
/// The API server's own record of deprecated APIs clients still call (<c>apiserver_requested_deprecated_apis</c> on
/// <c>/metrics</c>, set since the server started): those the target release removes must be migrated before upgrading.
/// </summary>
public static partial class DeprecatedApis
{
    /// <summary>The command that fetches the metric on a control plane.</summary>
    public const string Command = Phases.AdminKubectl.Command + " get --raw /metrics";

    /// <summary>"resource group/version (removed in 1.N)" for each API in <paramref name="metrics"/> that <paramref name="to"/> or an earlier release removes.</summary>
    public static IReadOnlyList<string> RemovedBy(string metrics, KubernetesVersion to)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in metrics.Split('\n').Where(l => l.StartsWith("apiserver_requested_deprecated_apis{", StringComparison.Ordinal)))
        {
            var labels = Label().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (KubernetesVersion.TryParse($"{labels.GetValueOrDefault("removed_release")}.0") is { } removed && removed.Major == to.Major && removed.Minor <= to.Minor)
            {
                var group = labels.GetValueOrDefault("group") is { Length: > 0 } g ? $"{g}/" : "";
                found.Add($"{labels.GetValueOrDefault("resource")} {group}{labels.GetValueOrDefault("version")} (removed in {removed.Major}.{removed.Minor})");
            }
        }

        return [.. found];
    }

    /// <summary>Refuses the upgrade naming each API still in use that <paramref name="to"/> removes.</summary>
    /// <exception cref="UpgradeException">Some are in use.</exception>
    public static void Check(string metrics, KubernetesVersion to)
    {
        var removed = RemovedBy(metrics, to);
        if (removed.Count > 0)
        {
            throw new UpgradeException($"Clients still call APIs that Kubernetes {to.MinorLine} removes: {string.Join("; ", removed)}. Move them (and the manifests that use them) to the current versions first; nothing was changed.");
        }
    }

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"")]
    private static partial Regex Label();
}
