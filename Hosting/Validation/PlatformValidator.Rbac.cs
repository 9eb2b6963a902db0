using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Validation;

/// <summary>Least privilege for the access groups.</summary>
public static partial class PlatformValidator
{
    private static void CheckRbac(PlatformModel model, Action<IResource?, string, string> add)
    {
        foreach (var rbac in model.OfType<RbacResource>())
        {
            var platform = PlatformNamespaces.Of(model).ToHashSet(StringComparer.Ordinal);
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
}
