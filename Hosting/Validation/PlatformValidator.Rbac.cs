using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Validation;

/// <summary>Least privilege for the access groups.</summary>
public static partial class PlatformValidator
{
    /// <summary>Namespaces no developer works in: Kubernetes' own and the CNI's (write access there is cluster-admin).</summary>
    private static readonly string[] SystemNamespaces = ["kube-system", "kube-public", "kube-node-lease", "tigera-operator", "calico-system", "calico-apiserver"];

    private static void CheckRbac(PlatformModel model, Action<IResource?, string, string> add)
    {
        foreach (var rbac in model.OfType<RbacResource>())
        {
            var platform = PlatformNamespaces(model);
            foreach (var group in rbac.Groups.Where(g => g.Level == AccessLevel.Developer))
            {
                if (group.Namespaces.Count == 0)
                {
                    add(rbac, $"The Developer group '{Printable(group.Group)}' has no namespaces: bound cluster-wide, it could edit every workload, Secret and NetworkPolicy (cluster-admin in effect).",
                        $"Name the namespaces it works in: WithAccessGroup(\"{Printable(group.Group)}\", AccessLevel.Developer, \"apps\"); use AccessLevel.ReadOnly for cluster-wide reading.");
                }

                foreach (var ns in group.Namespaces.Where(platform.Contains))
                {
                    add(rbac, $"The Developer group '{Printable(group.Group)}' would write in the platform namespace '{ns}' (its Secrets and pods are the platform's).",
                        "Give developers their own namespaces (e.g. \"apps\"); platform namespaces are for AccessLevel.PlatformAdmin.");
                }
            }
        }
    }

    /// <summary>Kubernetes' and the CNI's namespaces, and every namespace an add-on of the model installs into.</summary>
    private static HashSet<string> PlatformNamespaces(PlatformModel model)
        => [.. SystemNamespaces, .. model.OfType<AddOnResource>().Select(a => a.Chart?.Namespace).OfType<string>(), PrometheusResource.Namespace, ElasticsearchResource.Namespace];
}
