namespace Aspire.Hosting.ApplicationModel;

/// <summary>The namespaces that belong to the platform, not to workloads: Kubernetes', the CNI's and every add-on's.</summary>
public static class PlatformNamespaces
{
    /// <summary>Kubernetes' own namespaces and Calico's.</summary>
    public static IReadOnlyList<string> System { get; } = ["kube-system", "kube-public", "kube-node-lease", "tigera-operator", "calico-system", "calico-apiserver"];

    /// <summary>The system namespaces and every namespace an add-on of <paramref name="model"/> installs into, sorted.</summary>
    public static IReadOnlyList<string> Of(PlatformModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IEnumerable<string> addOns = model.OfType<AddOnResource>().Select(a => a.Chart?.Namespace).OfType<string>();
        if (model.Find<PrometheusResource>() is not null)
        {
            addOns = addOns.Append(PrometheusResource.Namespace);
        }

        if (model.Find<ElasticsearchResource>() is not null)
        {
            addOns = addOns.Append(ElasticsearchResource.Namespace);
        }

        return [.. System.Concat(addOns).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
