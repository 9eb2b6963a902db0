using k8s;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.Apiserver;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 7: cluster-wide PodSecurity defaults. A namespace without labels enforces <c>restricted</c> (workloads run
/// non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp); the platform's own
/// namespaces are exempt, since node agents there (node_exporter, Longhorn, Calico, Fluent Bit) need the host.
/// </summary>
public sealed class AdmissionConfigRenderer : IArtifactRenderer
{
    /// <summary>The level namespaces get unless their labels say otherwise.</summary>
    public const string DefaultLevel = "restricted";

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        var config = new AdmissionConfiguration
        {
            Plugins =
            [
                new AdmissionPlugin
                {
                    Name = "PodSecurity",
                    Configuration = new PodSecurityConfiguration
                    {
                        Defaults = new Dictionary<string, string>
                        {
                            ["enforce"] = DefaultLevel, ["enforce-version"] = "latest",
                            ["audit"] = DefaultLevel, ["audit-version"] = "latest",
                            ["warn"] = DefaultLevel, ["warn-version"] = "latest",
                        },
                        Exemptions = new PodSecurityExemptions { Namespaces = [.. PlatformNamespaces.Of(context.Model)] },
                    },
                },
            ],
        };
        var content = $"# PodSecurity: {DefaultLevel} unless a namespace's labels say otherwise; the platform's namespaces are exempt.\n" + KubernetesYaml.Serialize(config);
        foreach (var machine in context.Topology.ControlPlanes)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Security, Components.PodSecurity, KubernetesPaths.AdmissionConfig, content);
        }
    }
}
