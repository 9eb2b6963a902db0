using k8s;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.Audit;

namespace Platform.Hosting.Publishing.Renderers.Host;

/// <summary>
/// Layer 7: the API server's audit policy on every control plane. Noise (health checks, node heartbeats,
/// kube-proxy watches) is dropped; secrets and tokens are recorded without bodies; RBAC changes in full.
/// </summary>
public sealed class AuditPolicyRenderer : IArtifactRenderer
{
    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<AuditPolicyResource>() is null)
        {
            yield break;
        }

        var policy = new AuditPolicy
        {
            OmitStages = ["RequestReceived"],
            Rules =
            [
                new() { Level = "None", NonResourceURLs = ["/healthz*", "/livez*", "/readyz*", "/version", "/metrics"] },
                new() { Level = "None", Users = ["system:kube-proxy"], Verbs = ["watch"], Resources = [new() { Resources = ["endpoints", "services", "services/status"] }, new() { Group = "discovery.k8s.io", Resources = ["endpointslices"] }] },
                new() { Level = "None", UserGroups = ["system:nodes"], Verbs = ["get", "watch"], Resources = [new() { Resources = ["nodes", "nodes/status"] }] },
                new() { Level = "None", Verbs = ["get", "watch", "list"], Resources = [new() { Group = "coordination.k8s.io", Resources = ["leases"] }, new() { Resources = ["events"] }] },
                new() { Level = "Metadata", Resources = [new() { Resources = ["secrets", "configmaps", "serviceaccounts/token"] }, new() { Group = "authentication.k8s.io", Resources = ["tokenreviews"] }] },
                new() { Level = "RequestResponse", Verbs = ["create", "update", "patch", "delete", "deletecollection"], Resources = [new() { Group = "rbac.authorization.k8s.io" }] },
                new() { Level = "Request", Verbs = ["create", "update", "patch", "delete", "deletecollection"] },
                new() { Level = "Metadata" },
            ],
        };
        var yaml = "# API audit policy: the first matching rule decides what is recorded.\n" + KubernetesYaml.Serialize(policy);
        foreach (var machine in context.Topology.ControlPlanes)
        {
            yield return Artifact.ForHost(machine, PlatformLayer.Security, Components.AuditPolicy, AuditPolicyResource.PolicyPath, yaml, mode: "0600");
        }
    }
}
