using k8s;
using k8s.Models;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing.Models.HelmController;

namespace Platform.Hosting.Publishing.Renderers.Cluster;

/// <summary>Builds the HelmChart object of an add-on: its pinned chart and values generated from the model.</summary>
public static class HelmCharts
{
    /// <summary>The HelmChart for <paramref name="addOn"/> with <paramref name="values"/> (an object graph serialized to YAML).</summary>
    public static HelmChart For(AddOnResource addOn, object? values, bool bootstrap = false, string timeout = "15m")
    {
        var chart = addOn.Chart ?? throw new PlatformModelException($"{addOn} has no HelmChartAnnotation; add it with its AddXxx method.");
        return new HelmChart
        {
            Metadata = new V1ObjectMeta
            {
                Name = chart.ReleaseName,
                NamespaceProperty = HelmControllerVersions.Namespace,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "platform", ["platform/layer"] = ((int)addOn.Layer).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            Spec = new HelmChartSpec
            {
                Chart = chart.Chart,
                Repo = chart.Repository,
                Version = chart.Version,
                TargetNamespace = chart.Namespace,
                CreateNamespace = true,
                ValuesContent = values is null ? null : KubernetesYaml.Serialize(values),
                Bootstrap = bootstrap ? true : null,
                JobImage = HelmControllerVersions.JobImage,
                Timeout = timeout,
            },
        };
    }

    /// <summary>A Namespace object with the given pod security level enforced, restricted unless told otherwise (none: the cluster's default applies).</summary>
    public static V1Namespace Namespace(string name, string? podSecurity = "restricted")
    {
        var labels = new Dictionary<string, string>();
        if (podSecurity is not null)
        {
            labels["pod-security.kubernetes.io/enforce"] = podSecurity;
        }

        labels["app.kubernetes.io/managed-by"] = "platform";

        return new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = name, Labels = labels } };
    }

    /// <summary>Serializes objects as one multi-document YAML file with a comment header.</summary>
    public static string Yaml(string header, params object[] objects) => $"# {header}\n" + KubernetesYaml.SerializeAll(objects);

    /// <summary>The default StorageClass name of the model, if any.</summary>
    public static string? DefaultStorageClass(PlatformModel model)
        => model.OfType<CsiDriverResource>().SelectMany(c => c.StorageClasses).FirstOrDefault(s => s.IsDefault)?.Name;
}
