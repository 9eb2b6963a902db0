using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Layer 9: an example workload scaled on CPU: Deployment (with requests, the HPA's basis), Service, autoscaling/v2 HPA.</summary>
public sealed class HpaRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        foreach (var hpa in context.Model.OfType<HorizontalPodAutoscalerResource>())
        {
            var s = hpa.Scaling;
            var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = hpa.Name };
            var deployment = new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = hpa.Name, NamespaceProperty = s.Namespace, Labels = labels },
                Spec = new V1DeploymentSpec
                {
                    Replicas = s.MinReplicas,
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels },
                        Spec = new V1PodSpec
                        {
                            // The restricted PodSecurity level of workload namespaces.
                            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 65534, RunAsGroup = 65534, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
                            Containers =
                            [
                                new V1Container
                                {
                                    Name = hpa.Name,
                                    Image = s.Image,
                                    Args = [.. s.Arguments],
                                    Ports = [new V1ContainerPort { ContainerPort = s.Port, Name = "http" }],
                                    SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = true, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
                                    Resources = new V1ResourceRequirements
                                    {
                                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("200m"), ["memory"] = new("64Mi") },
                                        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("128Mi") },
                                    },
                                    ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "http" }, PeriodSeconds = 5 },
                                    LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "http" }, PeriodSeconds = 10, FailureThreshold = 3 },
                                },
                            ],
                        },
                    },
                },
            };
            var service = new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta { Name = hpa.Name, NamespaceProperty = s.Namespace, Labels = labels },
                Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }] },
            };
            var autoscaler = new V2HorizontalPodAutoscaler
            {
                ApiVersion = "autoscaling/v2",
                Kind = "HorizontalPodAutoscaler",
                Metadata = new V1ObjectMeta { Name = hpa.Name, NamespaceProperty = s.Namespace },
                Spec = new V2HorizontalPodAutoscalerSpec
                {
                    ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = hpa.Name },
                    MinReplicas = s.MinReplicas,
                    MaxReplicas = s.MaxReplicas,
                    Metrics = [new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = s.TargetCpuUtilization } } }],
                },
            };
            yield return Artifact.ForCluster(PlatformLayer.Availability, Components.Hpa, $"autoscaling/{hpa.Name}.yaml",
                HelmCharts.Yaml($"{hpa.Name}: {s.MinReplicas}-{s.MaxReplicas} replicas at {s.TargetCpuUtilization}% CPU.", HelmCharts.Namespace(s.Namespace), deployment, service, autoscaler));
        }
    }
}
