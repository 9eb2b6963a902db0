using Aspire.Hosting;
using Platform.Testing;
using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.CertManager;
using Platform.Hosting.Publishing.Models.Elastic;
using Platform.Hosting.Publishing.Models.HelmController;
using Platform.Hosting.Publishing.Renderers.Cluster;
using Platform.Lab.Substrates;

namespace Platform.Lab.Tests.Substrates;

public sealed class FastLabPlanTests
{
    private static readonly Lazy<(PlatformModel Model, IReadOnlyList<Artifact> Artifacts, FastLabPlan Plan)> Production = new(() =>
    {
        var model = TestModels.Production().BuildModel();
        var artifacts = ArtifactRenderers.RenderAll(RenderContext.ForPublish(model));
        return (model, artifacts, FastLabPlan.Create(model, artifacts, [PrometheusRenderer.GrafanaAdminSecretArtifact("not-a-real-password")]));
    });

    private static PlatformModel Model => Production.Value.Model;

    private static FastLabPlan Plan => Production.Value.Plan;

    [Fact]
    public void Create_HelmControllerCrdsAndDeployment_AreAppliedAndEstablishedBeforeAnyHelmChart()
    {
        var steps = Plan.Steps.ToList();
        var controller = steps.FindIndex(s => s.Objects.OfType<V1CustomResourceDefinition>().Any(c => c.Metadata.Name == HelmChart.CrdName)
            && s.Objects.OfType<V1Deployment>().Any(d => d.Metadata.Name == "helm-controller"));
        var established = steps.FindIndex(s => s.Kind == FastLabStepKind.WaitForCrds && s.Crds.Contains(HelmChart.CrdName) && s.Crds.Contains(K3sHelmChartConfig.CrdName));
        var firstChart = steps.FindIndex(s => s.Objects.Any(o => o is HelmChart or K3sHelmChartConfig));

        Assert.Equal(0, controller);
        Assert.True(controller < established && established < firstChart, $"controller {controller}, established {established}, first chart {firstChart}");
        Assert.Equal(Model.Single<HelmControllerResource>().Name, steps[controller].Resource);
    }

    [Fact]
    public void Create_GrafanaAdminSecret_IsAppliedAfterTheControllerAndBeforeAnyChart()
    {
        var steps = Plan.Steps.ToList();
        var secret = steps.FindIndex(s => s.Objects.OfType<V1Secret>().Any(x => x.Metadata.Name == PrometheusRenderer.GrafanaAdminSecret));
        var established = steps.FindIndex(s => s.Kind == FastLabStepKind.WaitForCrds);
        var firstChart = steps.FindIndex(s => s.Objects.Any(o => o is HelmChart));

        Assert.True(established < secret && secret < firstChart, $"established {established}, secret {secret}, first chart {firstChart}");
        Assert.Equal("not-a-real-password", steps[secret].Objects.OfType<V1Secret>().Single().StringData["admin-password"]);
        Assert.Equal(Model.Single<GrafanaResource>().Name, steps[secret].Resource);
    }

    [Fact]
    public void Create_EveryAddOnChartOfTheModel_IsApplied()
    {
        var charts = Applied<HelmChart>().ToDictionary(c => c.Spec.Chart, c => c);
        var stack = KubernetesYaml.Deserialize<Dictionary<string, Dictionary<string, object>>>(charts["kube-prometheus-stack"].Spec.ValuesContent!);

        Assert.Subset(charts.Keys.ToHashSet(), new HashSet<string> { "kube-prometheus-stack", "eck-operator", "fluent-bit", "traefik", "cert-manager", "metrics-server" });
        Assert.Equal("true", stack["grafana"]["enabled"].ToString()!.ToLowerInvariant());
        Assert.Equal(Model.Single<ElasticsearchResource>().Name, Assert.Single(Applied<Elasticsearch>()).Metadata.Name);
        Assert.Equal(Model.Single<KibanaResource>().Name, Assert.Single(Applied<Kibana>()).Metadata.Name);
        Assert.Equal(Model.Single<TraefikResource>().Name, Plan.Steps.Single(s => s.Objects.Any(o => o is HelmChart { Spec.Chart: "traefik" })).Resource);
    }

    [Fact]
    public void Create_CalicoLonghornAutoscalerAndVeleroCharts_AreNotAppliedAndSayWhy()
    {
        var charts = Applied<HelmChart>().Select(c => c.Spec.Chart).ToHashSet();

        Assert.DoesNotContain("tigera-operator", charts);
        Assert.DoesNotContain("longhorn", charts);
        Assert.DoesNotContain("cluster-autoscaler", charts);
        Assert.DoesNotContain("velero", charts);
        Assert.Contains("flannel", Skipped("calico"), StringComparison.Ordinal);
        Assert.Contains("local-path", Skipped("longhorn"), StringComparison.Ordinal);
        Assert.Contains("no node pool", Skipped("cluster-autoscaler"), StringComparison.Ordinal);
        Assert.Contains("s3://platform-backups", Skipped("velero"), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RbacNetworkPoliciesAndStorageClasses_AreAppliedWithStorageOnLocalPath()
    {
        var roles = Applied<V1ClusterRole>().Select(r => r.Metadata.Name).ToHashSet();
        var policies = Applied<V1NetworkPolicy>().Where(p => p.Metadata.NamespaceProperty == "apps").Select(p => p.Metadata.Name).ToHashSet();
        var storage = Assert.Single(Applied<V1StorageClass>());

        Assert.Subset(roles, new HashSet<string> { RbacRenderer.Admin, RbacRenderer.Developer, RbacRenderer.ReadOnly });
        Assert.Contains(Applied<V1ClusterRoleBinding>(), b => b.RoleRef.Name == RbacRenderer.ReadOnly);
        Assert.Subset(policies, new HashSet<string> { "default-deny-all", "allow-dns", "allow-same-namespace", "allow-from-ingress", "allow-from-monitoring" });
        Assert.Equal("standard", storage.Metadata.Name);
        Assert.Equal("true", storage.Metadata.Annotations["storageclass.kubernetes.io/is-default-class"]);
        Assert.Equal(FastLabOverrides.LocalPathProvisioner, storage.Provisioner);
        Assert.Equal("WaitForFirstConsumer", storage.VolumeBindingMode);
        Assert.Equal(Model.Single<CsiDriverResource>().Name, Plan.Steps.Single(s => s.Objects.Contains(storage)).Resource);
    }

    [Fact]
    public void Create_EveryAppliedChartAndWorkload_HasAReadinessCheckAfterAllApplies()
    {
        var checks = Plan.Steps.Where(s => s.Kind == FastLabStepKind.WaitReady).Select(s => s.Check!.ToString()).ToHashSet();
        var lastApply = Plan.Steps.ToList().FindLastIndex(s => s.Kind is FastLabStepKind.Apply or FastLabStepKind.WaitForCrds);
        var firstWait = Plan.Steps.ToList().FindIndex(s => s.Kind is FastLabStepKind.WaitReady or FastLabStepKind.WaitEndpoint);

        foreach (var chart in Applied<HelmChart>())
        {
            Assert.Contains($"Job kube-system/helm-install-{chart.Metadata.Name} Complete", checks);
        }

        Assert.Contains("Deployment kube-system/helm-controller Available", checks);
        Assert.Contains($"Elasticsearch logging/{Model.Single<ElasticsearchResource>().Name} health=green", checks);
        Assert.Contains($"Kibana logging/{Model.Single<KibanaResource>().Name} health=green", checks);
        Assert.Contains("DaemonSet logging/fluent-bit Ready", checks);
        Assert.Contains("Deployment apps/web Available", checks);
        Assert.True(lastApply < firstWait, $"last apply {lastApply}, first wait {firstWait}");
        Assert.DoesNotContain(Plan.Steps, s => s.Check?.Name == "helm-install-calico" || s.Check?.Name.Contains("velero", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Create_ChartResources_WaitForTheCrdsTheirChartInstallsFirst()
    {
        var steps = Plan.Steps.ToList();
        var issuers = steps.FindIndex(s => s.Objects.Any(o => o is ClusterIssuer));
        var kibana = steps.FindIndex(s => s.Objects.Any(o => o is Kibana));

        Assert.Equal(FastLabStepKind.WaitForCrds, steps[issuers - 1].Kind);
        Assert.Contains(ClusterIssuer.CrdName, steps[issuers - 1].Crds);
        Assert.Contains(Kibana.CrdName, steps[kibana - 1].Crds);
        Assert.True(steps.FindIndex(s => s.Objects.Any(o => o is HelmChart { Spec.Chart: "cert-manager" })) < issuers - 1);
    }

    [Fact]
    public void Create_GrafanaPrometheusKibanaAndIngress_ArePublishedOnNodePorts()
    {
        var config = Assert.Single(Applied<K3sHelmChartConfig>());
        var values = KubernetesYaml.Deserialize<Dictionary<string, Dictionary<string, Dictionary<string, object>>>>(config.Spec.ValuesContent!);
        var kibana = Assert.Single(Applied<V1Service>(), s => s.Metadata.NamespaceProperty == ElasticsearchResource.Namespace);
        var ingress = Applied<HelmChart>().Single(c => c.Spec.Chart == "traefik").Spec.ValuesContent!;
        var steps = Plan.Steps.ToList();

        Assert.Equal("kube-prometheus-stack", config.Metadata.Name);
        Assert.Equal("NodePort", values["grafana"]["service"]["type"]);
        Assert.Equal("30300", values["grafana"]["service"]["nodePort"].ToString());
        Assert.Equal("NodePort", values["prometheus"]["service"]["type"]);
        Assert.Equal("30090", values["prometheus"]["service"]["nodePort"].ToString());
        Assert.True(steps.FindIndex(s => s.Objects.Contains(config)) < steps.FindIndex(s => s.Objects.Any(o => o is HelmChart { Spec.Chart: "kube-prometheus-stack" })));
        Assert.Equal("NodePort", kibana.Spec.Type);
        Assert.Equal(30601, kibana.Spec.Ports.Single().NodePort);
        Assert.Equal(Model.Single<KibanaResource>().Name, kibana.Spec.Selector["kibana.k8s.elastic.co/name"]);
        Assert.Contains("type: NodePort", ingress, StringComparison.Ordinal);
        Assert.Contains("nodePort: 30080", ingress, StringComparison.Ordinal);
        Assert.Equal(
            ["grafana ui http 30300", "prometheus ui http 30090", "kibana ui https 30601", "traefik http http 30080", "traefik https https 30443"],
            Plan.Endpoints.Select(e => $"{e.Resource} {e.Name} {e.Scheme} {e.NodePort}"));
        Assert.Equal(Plan.Endpoints, Plan.Steps.Where(s => s.Kind == FastLabStepKind.WaitEndpoint).Select(s => s.Endpoint!));
    }

    [Fact]
    public void Create_PublishedHelmCharts_AreAppliedExactlyAsPublished()
    {
        var published = Production.Value.Artifacts.Where(ClusterManifests.IsManifest).SelectMany(ClusterManifests.Read).OfType<HelmChart>()
            .ToDictionary(c => c.Metadata.Name, KubernetesYaml.Serialize);

        Assert.All(Applied<HelmChart>(), c => Assert.Equal(published[c.Metadata.Name], KubernetesYaml.Serialize(c)));
    }

    [Fact]
    public void Create_EtcdVipMachinesOsOidcAndAudit_AreNotInSubstrateWithTheirReason()
    {
        var reasons = Plan.NotInSubstrate.ToDictionary(n => n.Subject, n => n.Text);

        Assert.Contains("datastore", reasons[Model.Single<EtcdClusterResource>().Name], StringComparison.Ordinal);
        Assert.Contains("VIP", reasons[Model.Single<ApiLoadBalancerResource>().Name], StringComparison.Ordinal);
        Assert.All(Model.NodePools, pool => Assert.Contains(pool.Name, reasons.Keys));
        Assert.Contains("one k3s node", reasons[Model.NodePools.First(p => p.Role == NodeRole.Worker).Name], StringComparison.Ordinal);
        Assert.Contains("packages", reasons[Model.Single<OperatingSystemResource>().Name], StringComparison.Ordinal);
        Assert.Contains("kubeadm", reasons[Model.Single<OidcResource>().Name], StringComparison.Ordinal);
        Assert.Contains("audit", reasons[Model.Single<AuditPolicyResource>().Name], StringComparison.Ordinal);
        Assert.Contains("flannel", reasons[Model.Single<CniResource>().Name], StringComparison.Ordinal);
        Assert.Contains("snapshot", reasons[Model.Single<EtcdSnapshotResource>().Name], StringComparison.Ordinal);
        Assert.Contains(Model.Single<ClusterAutoscalerResource>().Name, reasons.Keys);
        Assert.Contains(Model.Single<VeleroResource>().Name, reasons.Keys);
        Assert.Equal(["--disable=traefik", "--disable=metrics-server"], Plan.ServerArguments.Where(a => a is "--disable=traefik" or "--disable=metrics-server"));
        Assert.Equal("rancher/k3s:v1.30.3-k3s1", Plan.Image);
    }

    [Fact]
    public void Create_EveryModelResource_IsAppliedProvidedByK3sOrNotInSubstrate()
    {
        var applied = Plan.Steps.Select(s => s.Resource).ToHashSet();
        var provided = Plan.ProvidedByK3s.Select(n => n.Subject).ToHashSet();
        var absent = Plan.NotInSubstrate.Select(n => n.Subject).ToHashSet();

        Assert.All(Model.Resources, r => Assert.Equal(1, new[] { applied, provided, absent }.Count(s => s.Contains(r.Name))));
        Assert.Equal(new HashSet<string> { Model.Cluster.Name, "containerd", "kube-proxy" }, provided);
        Assert.All(Plan.NotInSubstrate, n => Assert.True(n.Text.Length > 30, n.ToString()));
    }

    [Fact]
    public void Create_EveryObject_RoundTripsThroughTheStrictYamlReader()
    {
        var objects = Plan.Steps.SelectMany(s => s.Objects).ToList();
        var yaml = KubernetesYaml.SerializeAll(objects);

        var read = KubernetesYaml.LoadAllFromString(yaml, new Dictionary<string, Type>(FastLabOverrides.Types), strict: true);

        Assert.Equal(objects.Select(o => o.GetType()), read.Select(o => o.GetType()));
        Assert.Equal(yaml, KubernetesYaml.SerializeAll(read));
        Assert.True(objects.Count > 40, $"only {objects.Count} objects");
    }

    [Fact]
    public void Describe_SaysWhatRunsWhatIsSkippedAndWhatIsPublished()
    {
        var lines = Plan.Describe().ToList();

        Assert.StartsWith("k3s rancher/k3s:v1.30.3-k3s1: server --disable=traefik", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("helm-controller: apply cluster/helm-controller/helm-controller.yaml", StringComparison.Ordinal));
        Assert.Contains("publish on 127.0.0.1: grafana ui (http) on NodePort 30300", lines);
        Assert.Contains(lines, l => l.StartsWith($"not in substrate: {Model.Single<EtcdClusterResource>().Name}: k3s keeps", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("not applied: cluster/addons/calico.yaml", StringComparison.Ordinal));
    }

    private static IEnumerable<T> Applied<T>() => Plan.Steps.Where(s => s.Kind == FastLabStepKind.Apply).SelectMany(s => s.Objects).OfType<T>();

    private static string Skipped(string file) => Plan.SkippedArtifacts.Single(n => n.Subject == $"cluster/addons/{file}.yaml").Text;
}
