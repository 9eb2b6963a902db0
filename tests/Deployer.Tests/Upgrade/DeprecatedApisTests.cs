using Platform.Deployer.Upgrade;

namespace Platform.Deployer.Tests.Upgrade;

public sealed class DeprecatedApisTests
{
    // The API server's exposition format, as /metrics serves it.
    private const string Metrics = """
        # HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.
        # TYPE apiserver_requested_deprecated_apis gauge
        apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="flowschemas",subresource="",version="v1beta3"} 1
        apiserver_requested_deprecated_apis{group="",removed_release="1.31",resource="componentstatuses",subresource="",version="v1"} 1
        apiserver_requested_deprecated_apis{group="autoscaling",removed_release="1.40",resource="horizontalpodautoscalers",subresource="",version="v2beta9"} 1
        apiserver_request_total{code="200",verb="GET"} 42
        """;

    [Fact]
    public void RemovedBy_OnlyThoseTheTargetOrEarlierRemoves()
    {
        Assert.Equal(["componentstatuses v1 (removed in 1.31)"], DeprecatedApis.RemovedBy(Metrics, new KubernetesVersion(1, 31, 0)));
        Assert.Equal(["componentstatuses v1 (removed in 1.31)", "flowschemas flowcontrol.apiserver.k8s.io/v1beta3 (removed in 1.32)"], DeprecatedApis.RemovedBy(Metrics, new KubernetesVersion(1, 32, 1)));
    }

    [Fact]
    public void Check_InUse_RefusesNamingThem_NoneInUse_Passes()
    {
        var e = Assert.Throws<UpgradeException>(() => DeprecatedApis.Check(Metrics, new KubernetesVersion(1, 31, 2)));

        Assert.Equal("Clients still call APIs that Kubernetes v1.31 removes: componentstatuses v1 (removed in 1.31). Move them (and the manifests that use them) to the current versions first; nothing was changed.", e.Message);
        DeprecatedApis.Check("apiserver_request_total 1\n", new KubernetesVersion(1, 31, 2));
    }
}
