using k8s;
using k8s.Models;
using Platform.Hosting.Publishing.Models.CertManager;
using Platform.Hosting.Publishing.Models.Elastic;
using Platform.Hosting.Publishing.Models.HelmController;
using Platform.Hosting.Publishing.Models.Monitoring;

namespace Platform.Hosting.Publishing;

/// <summary>
/// The cluster artifacts as Kubernetes objects: read strictly, ordered for applying (CRDs, then HelmCharts,
/// then plain objects, then custom resources whose CRDs the charts install), and the readiness checks to
/// wait for. The Deployer (kubectl on the first control plane) and the lab (KubernetesClient) share this order.
/// </summary>
public static class ClusterManifests
{
    private static readonly Dictionary<Type, string> ChartCrds = new()
    {
        [typeof(ClusterIssuer)] = ClusterIssuer.CrdName,
        [typeof(Certificate)] = Certificate.CrdName,
        [typeof(Elasticsearch)] = Elasticsearch.CrdName,
        [typeof(Kibana)] = Kibana.CrdName,
        [typeof(PrometheusRule)] = PrometheusRule.CrdName,
    };

    /// <summary>apiVersion/kind → type for Platform's custom resources (KubernetesClient knows the built-in kinds).</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = new[]
    {
        (HelmChart.ApiGroupVersion, "HelmChart", typeof(HelmChart)),
        ("cert-manager.io/v1", "ClusterIssuer", typeof(ClusterIssuer)),
        ("cert-manager.io/v1", "Certificate", typeof(Certificate)),
        ("elasticsearch.k8s.elastic.co/v1", "Elasticsearch", typeof(Elasticsearch)),
        ("kibana.k8s.elastic.co/v1", "Kibana", typeof(Kibana)),
        ("monitoring.coreos.com/v1", "PrometheusRule", typeof(PrometheusRule)),
    }.ToDictionary(t => $"{t.Item1}/{t.Item2}", t => t.Item3);

    /// <summary>The apply stages, in order.</summary>
    public enum Stage
    {
        /// <summary>CustomResourceDefinitions and the Helm controller.</summary>
        Definitions = 0,

        /// <summary>HelmChart objects (the CNI's first).</summary>
        Charts = 1,

        /// <summary>Built-in objects: RBAC, policies, storage classes, workloads, dashboards.</summary>
        Objects = 2,

        /// <summary>Custom resources whose CRDs a chart installs; wait for those CRDs first.</summary>
        ChartResources = 3,
    }

    /// <summary>True for artifacts that hold Kubernetes objects to apply (not rule files, dashboard JSON or kubeconfig templates).</summary>
    public static bool IsManifest(Artifact artifact)
        => artifact.Target == Artifact.ClusterTarget
           && artifact.Path.EndsWith(".yaml", StringComparison.Ordinal)
           && artifact.Component is not (Components.Machines or Components.Oidc)
           && !artifact.Path.StartsWith("cluster/monitoring/rules/", StringComparison.Ordinal);

    /// <summary>Reads an artifact's objects strictly (unknown fields are errors).</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Read(Artifact artifact)
        => KubernetesYaml.LoadAllFromString(artifact.Content, new Dictionary<string, Type>(Types), strict: true).Cast<IKubernetesObject<V1ObjectMeta>>().ToList();

    /// <summary>The stage of an artifact: that of its latest object.</summary>
    public static Stage StageOf(Artifact artifact) => Read(artifact).Select(StageOf).DefaultIfEmpty(Stage.Objects).Max();

    /// <summary>The stage of one object.</summary>
    public static Stage StageOf(IKubernetesObject<V1ObjectMeta> item) => item switch
    {
        V1CustomResourceDefinition => Stage.Definitions,
        HelmChart => Stage.Charts,
        _ when ChartCrds.ContainsKey(item.GetType()) => Stage.ChartResources,
        _ => Stage.Objects,
    };

    /// <summary>The manifests in apply order: by stage, the Helm controller first and the CNI first among charts, then by path.</summary>
    public static IReadOnlyList<Artifact> InApplyOrder(IEnumerable<Artifact> artifacts)
        => artifacts.Where(IsManifest)
            .OrderBy(a => a.Component == Components.HelmController ? -1 : (int)StageOf(a))
            .ThenBy(a => a.Component is Components.Calico or Components.Flannel ? 0 : 1)
            .ThenBy(a => a.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>The CRDs (installed by charts) an artifact's objects need Established before they can be applied.</summary>
    public static IReadOnlyList<string> RequiredCrds(Artifact artifact)
        => Read(artifact).Select(o => ChartCrds.GetValueOrDefault(o.GetType())).OfType<string>().Distinct().ToList();

    /// <summary>What to wait for after applying the artifacts, in apply order.</summary>
    public static IReadOnlyList<ReadinessCheck> ReadinessChecks(IEnumerable<Artifact> artifacts)
    {
        var checks = new List<ReadinessCheck>();
        foreach (var artifact in InApplyOrder(artifacts))
        {
            foreach (var item in Read(artifact))
            {
                var ns = item.Metadata.NamespaceProperty;
                switch (item)
                {
                    case V1CustomResourceDefinition crd:
                        checks.Add(new ReadinessCheck("CustomResourceDefinition", null, crd.Metadata.Name, "Established", artifact.Component));
                        break;
                    case HelmChart chart:
                        // The Helm controller runs "helm-install-<name>" as a Job next to the HelmChart.
                        checks.Add(new ReadinessCheck("Job", ns, $"helm-install-{chart.Metadata.Name}", "Complete", artifact.Component));
                        break;
                    case V1Deployment deployment:
                        checks.Add(new ReadinessCheck("Deployment", ns, deployment.Metadata.Name, "Available", artifact.Component));
                        break;
                    case Elasticsearch or Kibana:
                        checks.Add(new ReadinessCheck(item.Kind, ns, item.Metadata.Name, "health=green", artifact.Component));
                        break;
                }
            }
        }

        return checks;
    }
}
