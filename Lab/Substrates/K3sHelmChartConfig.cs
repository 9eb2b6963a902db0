using Platform.Hosting.Publishing.Models;
using Platform.Hosting.Publishing.Models.HelmController;

namespace Platform.Lab.Substrates;

/// <summary>
/// helm.cattle.io/v1 HelmChartConfig: values the Helm controller merges over those of the HelmChart with the
/// same name and namespace. The fast lab's overrides use it, so the applied HelmCharts stay the published ones.
/// </summary>
public sealed class K3sHelmChartConfig() : CustomResource<K3sHelmChartConfigSpec>(HelmChart.ApiGroupVersion, "HelmChartConfig")
{
    /// <summary>The CRD that serves it (installed with the Helm controller).</summary>
    public const string CrdName = "helmchartconfigs.helm.cattle.io";
}
