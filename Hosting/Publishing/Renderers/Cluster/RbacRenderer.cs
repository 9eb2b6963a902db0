using k8s.Models;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>
/// Layer 7: three ClusterRoles — platform:admin, platform:developer, platform:read-only (which never reads
/// Secrets) — and a binding for every group in the model, with the OIDC groups prefix when OIDC is on. Developers
/// are bound only in their namespaces and cannot change NetworkPolicies, Roles or RoleBindings there.
/// </summary>
public sealed class RbacRenderer : IArtifactRenderer
{
    /// <summary>Role names.</summary>
    public const string Admin = "platform:admin", Developer = "platform:developer", ReadOnly = "platform:read-only";

    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    /// <inheritdoc />
    public IEnumerable<Artifact> Render(RenderContext context)
    {
        if (context.Model.Find<RbacResource>() is not { } rbac)
        {
            yield break;
        }

        var prefix = context.Model.Find<OidcResource>()?.Issuer.GroupsPrefix ?? "";
        var objects = new List<object> { AdminRole(), DeveloperRole(), ReadOnlyRole() };
        foreach (var group in rbac.Groups)
        {
            var subject = new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = prefix + group.Group };
            var role = group.Level switch { AccessLevel.PlatformAdmin => Admin, AccessLevel.Developer => Developer, _ => ReadOnly };
            if (group.Level == AccessLevel.Developer)
            {
                // Only in their namespaces (validation refuses a developer group without any): never cluster-wide.
                foreach (var ns in group.Namespaces)
                {
                    objects.Add(HelmCharts.Namespace(ns));
                    objects.Add(new V1RoleBinding
                    {
                        ApiVersion = "rbac.authorization.k8s.io/v1",
                        Kind = "RoleBinding",
                        Metadata = new V1ObjectMeta { Name = $"platform:{group.Group}", NamespaceProperty = ns },
                        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
                        Subjects = [subject],
                    });
                }

                // Developers still see what is cluster-wide (nodes, storage classes) read-only.
                if (group.Namespaces.Count > 0)
                {
                    objects.Add(Binding($"platform:{group.Group}:read-only", ReadOnly, subject));
                }
            }
            else
            {
                objects.Add(Binding($"platform:{group.Group}", role, subject));
            }
        }

        yield return Artifact.ForCluster(PlatformLayer.Security, Components.Rbac, "security/rbac.yaml",
            HelmCharts.Yaml("Platform roles and the identity-provider groups bound to them.", [.. objects]));
    }

    private static V1ClusterRoleBinding Binding(string name, string role, Rbacv1Subject subject) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = name },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
        Subjects = [subject],
    };

    private static V1ClusterRole Role(string name, params V1PolicyRule[] rules) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "platform" } },
        Rules = rules,
    };

    private static V1PolicyRule Rule(string[] groups, string[] resources, string[] verbs) => new() { ApiGroups = groups, Resources = resources, Verbs = verbs };

    private static V1ClusterRole AdminRole() => Role(Admin, Rule(["*"], ["*"], ["*"]), new V1PolicyRule { NonResourceURLs = ["*"], Verbs = ["*"] });

    private static V1ClusterRole DeveloperRole() => Role(Developer,
        Rule([""], ["pods", "pods/log", "pods/exec", "pods/portforward", "services", "endpoints", "configmaps", "secrets", "persistentvolumeclaims", "serviceaccounts", "events"], Write),
        Rule(["apps"], ["deployments", "statefulsets", "daemonsets", "replicasets"], Write),
        Rule(["batch"], ["jobs", "cronjobs"], Write),
        Rule(["autoscaling"], ["horizontalpodautoscalers"], Write),
        Rule(["networking.k8s.io"], ["ingresses"], Write),
        Rule(["policy"], ["poddisruptionbudgets"], Write),
        Rule(["cert-manager.io"], ["certificates", "issuers"], Write),
        // NetworkPolicies, Roles and RoleBindings are the platform's: a developer could otherwise delete the
        // namespace's default-deny or grant itself more. Reading them is enough to debug.
        Rule(["networking.k8s.io"], ["networkpolicies"], Read),
        Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], Read));

    private static V1ClusterRole ReadOnlyRole() => Role(ReadOnly,
        Rule([""], ["pods", "pods/log", "services", "endpoints", "configmaps", "persistentvolumeclaims", "persistentvolumes", "nodes", "namespaces", "events", "serviceaccounts", "resourcequotas", "limitranges"], Read),
        Rule(["apps"], ["deployments", "statefulsets", "daemonsets", "replicasets"], Read),
        Rule(["batch"], ["jobs", "cronjobs"], Read),
        Rule(["autoscaling"], ["horizontalpodautoscalers"], Read),
        Rule(["networking.k8s.io"], ["ingresses", "ingressclasses", "networkpolicies"], Read),
        Rule(["policy"], ["poddisruptionbudgets"], Read),
        Rule(["storage.k8s.io"], ["storageclasses", "volumeattachments", "csidrivers", "csinodes"], Read),
        Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings", "clusterroles", "clusterrolebindings"], Read),
        Rule(["metrics.k8s.io"], ["pods", "nodes"], Read));
}
