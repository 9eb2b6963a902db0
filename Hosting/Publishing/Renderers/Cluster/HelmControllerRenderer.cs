using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.HelmController;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 3: the k3s-io Helm controller for kubeadm clusters (k3s has it built in): its CRDs and a Deployment
/// on the host network that tolerates not-ready control planes, so it can install the CNI itself.
/// </summary>
public sealed class HelmControllerRenderer : IArtifactRenderer
{
    /// <summary>The artifact's path under cluster/.</summary>
    public const string Path = "helm-controller/helm-controller.yaml";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<HelmControllerResource>() is null)
        {
            yield break;
        }

        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "helm-controller" };
        var account = new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = new V1ObjectMeta { Name = "helm-controller", NamespaceProperty = HelmControllerVersions.Namespace } };
        var binding = new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRoleBinding",
            Metadata = new V1ObjectMeta { Name = "helm-controller" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "helm-controller", NamespaceProperty = HelmControllerVersions.Namespace }],
        };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "helm-controller", NamespaceProperty = HelmControllerVersions.Namespace, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = "helm-controller",
                        HostNetwork = true,
                        PriorityClassName = "system-cluster-critical",
                        NodeSelector = new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" },
                        Tolerations =
                        [
                            new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists", Effect = "NoSchedule" },
                            new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoSchedule" },
                            new V1Toleration { Key = "node.cloudprovider.kubernetes.io/uninitialized", OperatorProperty = "Exists", Effect = "NoSchedule" },
                        ],
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "helm-controller",
                                Image = HelmControllerVersions.Image,
                                Command = ["helm-controller"],
                                Args = ["--namespace", HelmControllerVersions.Namespace, "--default-job-image", HelmControllerVersions.JobImage],
                                Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") } },
                            },
                        ],
                    },
                },
            },
        };
        yield return Artifact.ForCluster(PlatformLayer.ControlPlane, Components.HelmController, Path,
            HelmCharts.Yaml($"Helm controller {HelmControllerVersions.Image}: installs every HelmChart object (k3s has it built in).", Crd(HelmChart.CrdName, "HelmChart", "helmcharts"), Crd("helmchartconfigs.helm.cattle.io", "HelmChartConfig", "helmchartconfigs"), account, binding, deployment));
    }

    private static V1CustomResourceDefinition Crd(string name, string kind, string plural) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "helm.cattle.io",
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), ListKind = kind + "List" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    AdditionalPrinterColumns = kind == "HelmChart"
                        ? [new V1CustomResourceColumnDefinition { Name = "Chart", Type = "string", JsonPath = ".spec.chart" }, new V1CustomResourceColumnDefinition { Name = "Version", Type = "string", JsonPath = ".spec.version" }, new V1CustomResourceColumnDefinition { Name = "Job", Type = "string", JsonPath = ".status.jobName" }]
                        : null,
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };
}
