namespace Platform.Hosting.Publishing.Models.HelmController;

/// <summary>helm.cattle.io/v1 HelmChart: the Helm controller installs and upgrades one chart release from it.</summary>
public sealed class HelmChart() : CustomResource<HelmChartSpec>(ApiGroupVersion, "HelmChart")
{
    /// <summary>The API version.</summary>
    public const string ApiGroupVersion = "helm.cattle.io/v1";

    /// <summary>The CRD that serves it.</summary>
    public const string CrdName = "helmcharts.helm.cattle.io";
}
