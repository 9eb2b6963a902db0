using Aspire.Hosting.ApplicationModel;
using k8s;
using k8s.Models;
using Platform.Hosting.Publishing;
using Platform.Hosting.Publishing.Models.Apiserver;

namespace Platform.Hosting.Tests.Publishing.Renderers.Host;

public class AdmissionConfigRendererTests
{
    private static readonly RenderedArtifacts Production = RenderedArtifacts.Of(TestModels.Production());

    [Fact]
    public void Render_PodSecurity_RestrictedByDefault_PlatformNamespacesExempt_WorkloadNamespacesNot()
    {
        var files = Production.All.Where(a => a.HostPath == KubernetesPaths.AdmissionConfig).ToList();

        Assert.Equal(["cp-1", "cp-2", "cp-3"], files.Select(f => f.Target));
        var plugin = Assert.Single(KubernetesYaml.Deserialize<AdmissionConfiguration>(files[0].Content, strict: true).Plugins);
        Assert.Equal("PodSecurity", plugin.Name);
        var config = plugin.Configuration!;
        Assert.Equal(("restricted", "restricted", "restricted"), (config.Defaults["enforce"], config.Defaults["audit"], config.Defaults["warn"]));
        Assert.Subset(config.Exemptions.Namespaces.ToHashSet(), new HashSet<string> { "kube-system", "monitoring", "logging", "ingress-nginx", "longhorn-system", "cert-manager", "tigera-operator", "calico-system" });
        Assert.DoesNotContain("apps", config.Exemptions.Namespaces);
    }

    [Fact]
    public void Render_WorkloadNamespaces_EnforceRestricted_AndTheirWorkloadsMeetIt()
    {
        var objects = Production.All.Where(ClusterManifests.IsManifest).SelectMany(ClusterManifests.Read).ToList();
        var exempt = PlatformNamespaces.Of(TestModels.Production().BuildModel());

        var workloadNamespaces = objects.OfType<V1Namespace>().Where(n => !exempt.Contains(n.Metadata.Name)).ToList();
        var deployments = objects.OfType<V1Deployment>().Where(d => !exempt.Contains(d.Metadata.NamespaceProperty)).ToList();

        Assert.Contains(workloadNamespaces, n => n.Metadata.Name == "apps");
        Assert.All(workloadNamespaces, n => Assert.Equal("restricted", n.Metadata.Labels["pod-security.kubernetes.io/enforce"]));
        Assert.NotEmpty(deployments);
        Assert.All(deployments, d => Assert.Empty(RestrictedViolations(d.Spec.Template.Spec)));
    }

    [Fact]
    public void RestrictedViolations_TheOldExampleWorkload_IsCaught()
    {
        var root = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "registry.k8s.io/hpa-example:latest" }] };

        Assert.Equal(4, RestrictedViolations(root).Count);
    }

    /// <summary>The checks of the restricted Pod Security Standard that a pod spec can fail on its own.</summary>
    private static List<string> RestrictedViolations(V1PodSpec pod)
    {
        var problems = new List<string>();
        if (pod.HostNetwork == true || pod.HostPID == true || pod.HostIPC == true || pod.Volumes?.Any(v => v.HostPath is not null) == true)
        {
            problems.Add("host namespaces or hostPath");
        }

        foreach (var c in pod.Containers.Concat(pod.InitContainers ?? []))
        {
            var sc = c.SecurityContext;
            if ((sc?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) != true || (sc?.RunAsUser ?? pod.SecurityContext?.RunAsUser) == 0)
            {
                problems.Add($"{c.Name}: may run as root");
            }

            if ((sc?.SeccompProfile ?? pod.SecurityContext?.SeccompProfile)?.Type is not ("RuntimeDefault" or "Localhost"))
            {
                problems.Add($"{c.Name}: no seccomp profile");
            }

            if (sc?.AllowPrivilegeEscalation != false || sc.Privileged == true)
            {
                problems.Add($"{c.Name}: privilege escalation allowed");
            }

            if (sc?.Capabilities?.Drop?.Contains("ALL") != true || sc.Capabilities.Add?.Any(a => a != "NET_BIND_SERVICE") == true)
            {
                problems.Add($"{c.Name}: capabilities not dropped");
            }
        }

        return problems;
    }
}
