namespace Aspire.Hosting.ApplicationModel;

/// <summary>The pinned Helm controller.</summary>
public static class HelmControllerVersions
{
    /// <summary>The controller image.</summary>
    public const string Image = "rancher/helm-controller:v0.16.1";

    /// <summary>The helm job image the controller runs charts with.</summary>
    public const string JobImage = "rancher/klipper-helm:v0.8.4-build20240523";

    /// <summary>The API group of HelmChart objects.</summary>
    public const string ApiVersion = "helm.cattle.io/v1";

    /// <summary>The namespace HelmChart objects live in (k3s uses the same).</summary>
    public const string Namespace = "kube-system";
}
