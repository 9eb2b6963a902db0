using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.Elastic;

namespace Platform.Lab.Substrates;

/// <summary>
/// Every change the fast lab makes to the published declarations, in one place. Everything else is applied
/// exactly as published:
/// <list type="bullet">
/// <item>kube-prometheus-stack gets a HelmChartConfig making the Grafana and Prometheus services NodePorts
/// (<see cref="LabEndpoints"/>); the HelmChart itself is untouched.</item>
/// <item>Each Kibana gets an extra NodePort Service (ECK's own service stays ClusterIP).</item>
/// <item>StorageClasses keep their names and default flag but use k3s's local-path provisioner, because
/// Longhorn is not run (it needs open-iscsi and block devices on the host).</item>
/// <item>The Helm controller Deployment loses its node selector: kubeadm labels control planes
/// <c>node-role.kubernetes.io/control-plane=""</c>, k3s labels its node <c>="true"</c>.</item>
/// </list>
/// The ingress controller needs nothing: production already runs it on NodePorts.
/// </summary>
public static class FastLabOverrides
{
    /// <summary>The <see cref="FastLabStep.Source"/> of objects only the lab adds.</summary>
    public const string Source = "fast-lab overrides";

    /// <summary>k3s's built-in provisioner (node-local directories).</summary>
    public const string LocalPathProvisioner = "rancher.io/local-path";

    /// <summary>The strict YAML types of the objects the lab applies: the published ones and HelmChartConfig.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = new Dictionary<string, Type>(ClusterManifests.Types)
    {
        [$"{HelmChartApiVersion}/HelmChartConfig"] = typeof(K3sHelmChartConfig),
    };

    private const string HelmChartApiVersion = Hosting.Publishing.Models.HelmController.HelmChart.ApiGroupVersion;

    /// <summary>
    /// The object as the fast lab applies it. <paramref name="item"/> must be fresh from
    /// <see cref="ClusterManifests.Read"/>: it is changed in place and returned.
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> Apply(IKubernetesObject<V1ObjectMeta> item)
    {
        switch (item)
        {
            case V1StorageClass storageClass:
                storageClass.Provisioner = LocalPathProvisioner;
                storageClass.Parameters = null;
                // local-path creates the directory on the node the pod lands on, so it must know that node first.
                storageClass.VolumeBindingMode = "WaitForFirstConsumer";
                storageClass.AllowVolumeExpansion = null;
                break;
            case V1Deployment { Metadata.Name: "helm-controller" } deployment when deployment.Metadata.NamespaceProperty == HelmControllerVersions.Namespace:
                deployment.Spec.Template.Spec.NodeSelector = null;
                break;
        }

        return item;
    }

    /// <summary>HelmChartConfigs to apply before the HelmCharts, so the first install already has the lab's values.</summary>
    public static IReadOnlyList<K3sHelmChartConfig> ChartConfigs(PlatformModel model)
    {
        if (model.Find<PrometheusResource>() is not { Chart: { } chart })
        {
            return [];
        }

        var nodePort = new Dictionary<string, object>
        {
            ["prometheus"] = Service(LabEndpoints.PrometheusNodePort),
        };
        if (model.Find<GrafanaResource>() is not null)
        {
            nodePort["grafana"] = Service(LabEndpoints.GrafanaNodePort);
        }

        return
        [
            new K3sHelmChartConfig
            {
                Metadata = new V1ObjectMeta { Name = chart.ReleaseName, NamespaceProperty = HelmControllerVersions.Namespace, Labels = Labels },
                Spec = new K3sHelmChartConfigSpec { ValuesContent = KubernetesYaml.Serialize(nodePort) },
            },
        ];
    }

    /// <summary>Objects the lab adds right after an artifact's own: a NodePort Service per Kibana.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> After(PlatformModel model, Artifact artifact)
    {
        if (artifact.Component != Components.Kibana)
        {
            return [];
        }

        var kibanas = model.OfType<KibanaResource>().Select(k => k.Name).ToList();
        return ClusterManifests.Read(artifact).OfType<Kibana>()
            .Select(k => (IKubernetesObject<V1ObjectMeta>)KibanaService(k, KibanaNodePort(kibanas.IndexOf(k.Metadata.Name))))
            .ToList();
    }

    /// <summary>The NodePorts the lab publishes on 127.0.0.1, with the resources they belong to.</summary>
    public static IReadOnlyList<LabEndpoint> Endpoints(PlatformModel model)
    {
        var endpoints = new List<LabEndpoint>();
        if (model.Find<GrafanaResource>() is { } grafana && model.Find<PrometheusResource>() is not null)
        {
            endpoints.Add(new LabEndpoint(grafana.Name, "ui", "http", LabEndpoints.GrafanaNodePort));
        }

        if (model.Find<PrometheusResource>() is { } prometheus)
        {
            endpoints.Add(new LabEndpoint(prometheus.Name, "ui", "http", LabEndpoints.PrometheusNodePort));
        }

        var kibanas = model.OfType<KibanaResource>().ToList();
        endpoints.AddRange(kibanas.Select((k, i) => new LabEndpoint(k.Name, "ui", "https", KibanaNodePort(i))));
        foreach (var ingress in model.OfType<IngressControllerResource>())
        {
            endpoints.Add(new LabEndpoint(ingress.Name, "http", "http", ingress.HttpNodePort));
            endpoints.Add(new LabEndpoint(ingress.Name, "https", "https", ingress.HttpsNodePort));
        }

        return endpoints;
    }

    private static Dictionary<string, string> Labels => new() { ["app.kubernetes.io/managed-by"] = "platform-lab" };

    private static Dictionary<string, object> Service(int nodePort) => new()
    {
        ["service"] = new Dictionary<string, object> { ["type"] = "NodePort", ["nodePort"] = nodePort },
    };

    private static int KibanaNodePort(int index) => LabEndpoints.KibanaNodePort + Math.Max(0, index);

    private static V1Service KibanaService(Kibana kibana, int nodePort) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = $"{kibana.Metadata.Name}-kb-nodeport", NamespaceProperty = kibana.Metadata.NamespaceProperty, Labels = Labels },
        Spec = new V1ServiceSpec
        {
            Type = "NodePort",
            // ECK labels every Kibana pod with its Kibana's name.
            Selector = new Dictionary<string, string> { ["kibana.k8s.elastic.co/name"] = kibana.Metadata.Name },
            Ports =
            [
                new V1ServicePort
                {
                    Name = "https",
                    Port = LabEndpoints.KibanaPort,
                    TargetPort = LabEndpoints.KibanaPort,
                    NodePort = nodePort,
                    Protocol = "TCP",
                },
            ],
        },
    };
}
